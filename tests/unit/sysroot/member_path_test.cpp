// Member names and link targets from untrusted media.
#include <gtest/gtest.h>

#include "sysroot/member_path.hpp"

namespace xport::sysroot {
namespace {

TEST(NormalizeMemberName, CleansHarmlessSpelling) {
  EXPECT_EQ(*normalize_member_name("./usr/include//stdio.h"), "usr/include/stdio.h");
  EXPECT_EQ(*normalize_member_name("usr/lib/"), "usr/lib");
  EXPECT_EQ(*normalize_member_name("./"), "");
}

TEST(NormalizeMemberName, RefusesAbsoluteAndDotDot) {
  EXPECT_FALSE(normalize_member_name("/etc/passwd"));
  EXPECT_FALSE(normalize_member_name("../../etc/passwd"));
  EXPECT_FALSE(normalize_member_name("usr/../../x"));
  EXPECT_FALSE(normalize_member_name("usr/lib/../include/x.h"));
  EXPECT_NE(normalize_member_name("/etc/passwd").error().find("absolute"), std::string::npos);
}

TEST(RewriteLink, AbsoluteTargetsBecomeRelativeInsideTheRoot) {
  EXPECT_EQ(*rewrite_link("usr/lib/libc.so", "/lib/libc.so.6"), "../../lib/libc.so.6");
  EXPECT_EQ(*rewrite_link("usr/lib/libm.so", "/usr/lib/libm.so.5"), "libm.so.5");
  EXPECT_EQ(*rewrite_link("lib64", "/lib"), "lib");
  EXPECT_EQ(*rewrite_link("usr/lib/x", "/"), "../..");
}

TEST(RewriteLink, RelativeTargetsAreNormalised) {
  EXPECT_EQ(*rewrite_link("usr/lib/gcc-cross/aarch64-linux-gnu/12/libgomp.so",
                          "../../../../aarch64-linux-gnu/lib/libgomp.so.1"),
            "../../../../aarch64-linux-gnu/lib/libgomp.so.1");
  EXPECT_EQ(*rewrite_link("usr/lib/libz.so", "./libz.so.1"), "libz.so.1");
  EXPECT_EQ(*rewrite_link("usr/lib/a", "x/../libz.so.1"), "libz.so.1");
}

TEST(RewriteLink, RefusesTargetsOutsideTheRoot) {
  EXPECT_FALSE(rewrite_link("usr/lib/evil", "../../../etc/passwd"));
  EXPECT_FALSE(rewrite_link("evil", ".."));
  EXPECT_FALSE(rewrite_link("evil", ""));
  // An absolute target is the target's own "/", which is the sysroot.
  EXPECT_EQ(*link_target_in_root("usr/lib/x", "/etc/passwd"), "etc/passwd");
}

} // namespace
} // namespace xport::sysroot
