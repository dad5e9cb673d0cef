// The diff of two dumps (every kind of difference, matched by name), the printed forms, and the
// JSON that carries a dump from xport-abi-reader back to xport-full whole.
#include <gtest/gtest.h>

#include "abi/diff.hpp"
#include "abi/dump.hpp"
#include "abi/layout_json.hpp"
#include "util/error.hpp"

namespace xport::abi {
namespace {

Dump freebsd_like() {
  Dump d;
  d.target = "a-freebsd";
  d.sysroot = "/a";
  d.headers = {"sys/stat.h"};
  d.failed = {{"FlexLexer.h", "FlexLexer.h:51: 'iostream' file not found"}};
  Record stat{"stat", false, 224, 8, {}, {"sys/stat.h", 160}};
  stat.fields = {{"st_dev", 0, 64, "dev_t", "unsigned long", false},
                 {"st_ino", 64, 64, "ino_t", "unsigned long", false},
                 {"st_birthtim", 768, 128, "struct timespec", "struct timespec", false}};
  d.records.emplace("stat", stat);
  Record bits{"bits", false, 4, 4, {{"low", 0, 3, "unsigned int", "unsigned int", true}}, {}};
  d.records.emplace("bits", bits);
  d.constants.emplace("EAGAIN", Constant{"EAGAIN", 35, false, true, {"sys/errno.h", 94}});
  d.constants.emplace("O_CLOEXEC", Constant{"O_CLOEXEC", 0x100000, false, true, {"fcntl.h", 133}});
  d.constants.emplace("BIG", Constant{"BIG", -1, true, true, {"x.h", 1}});
  d.typedefs.emplace("time_t", Typedef{"time_t", "__time_t", "long", 8, {"sys/types.h", 1}});
  d.enums.emplace("e", Enum{"e", {{"A", 1}, {"B", 2}}, {"e.h", 3}});
  d.functions.emplace("stat", Function{"stat", "int (const char *, struct stat *)", {}});
  return d;
}

Dump dragonfly_like() {
  Dump d = freebsd_like();
  d.target = "b-dragonfly";
  d.sysroot = "/b";
  Record& stat = d.records.at("stat");
  stat.size = 128;
  stat.fields = {{"st_ino", 0, 64, "ino_t", "unsigned long", false},
                 {"st_dev", 96, 32, "dev_t", "unsigned int", false}};
  d.constants.at("O_CLOEXEC").value = 0x20000;
  d.constants.erase("BIG");
  d.typedefs.at("time_t").size = 4;
  return d;
}

TEST(AbiDiff, ShowsEveryDifferenceByName) {
  Dump a = freebsd_like(), b = dragonfly_like();
  std::vector<Difference> all = diff_dumps(a, b, {}, {});
  ASSERT_EQ(all.size(), 4u); // stat, O_CLOEXEC, BIG (one side only), time_t
  std::string text = diff_text(a, b, all);
  EXPECT_NE(text.find("struct stat: size 224 vs 128"), std::string::npos) << text;
  EXPECT_NE(text.find("! st_ino"), std::string::npos) << text;
  EXPECT_NE(text.find("@8 8 unsigned long"), std::string::npos) << text;
  EXPECT_NE(text.find("! st_birthtim"), std::string::npos) << text;
  EXPECT_NE(text.find("O_CLOEXEC: 1048576 vs 131072"), std::string::npos) << text;
  EXPECT_NE(text.find("BIG: only in a-freebsd (= 18446744073709551615)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("typedef time_t: long (size 8) vs long (size 4)"), std::string::npos) << text;
}

TEST(AbiDiff, KindsAndNamesNarrowIt) {
  Dump a = freebsd_like(), b = dragonfly_like();
  EXPECT_EQ(diff_dumps(a, b, {Kind::constant}, {"EAGAIN"}).size(), 0u);
  EXPECT_EQ(diff_dumps(a, b, {Kind::record}, {}).size(), 1u);
  EXPECT_EQ(diff_dumps(a, a, {}, {}).size(), 0u);
  nlohmann::json j = diff_json(a, b, diff_dumps(a, b, {Kind::record}, {"stat"}));
  EXPECT_EQ(j["differences"][0]["kind"], "struct");
}

TEST(AbiDump, KnowsKindsAndUnknownNames) {
  EXPECT_EQ(parse_kind("struct"), Kind::record);
  EXPECT_EQ(parse_kind("union"), Kind::record);
  EXPECT_EQ(parse_kind("const"), Kind::constant);
  EXPECT_FALSE(parse_kind("structs"));
  Dump a = freebsd_like();
  try {
    require_known_names({&a}, {"stta"});
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'stat'"), std::string::npos) << e.what();
  }
  require_known_names({&a}, {"stat", "EAGAIN", "time_t"});
}

TEST(AbiDump, PrintsBitFieldsAndLeftOutHeaders) {
  Dump a = freebsd_like();
  std::string text = dump_text(a, {}, {});
  EXPECT_NE(text.find("# left out FlexLexer.h: FlexLexer.h:51: 'iostream' file not found"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("0.0    :3  low (unsigned int)"), std::string::npos) << text;
  EXPECT_NE(text.find("struct stat (sys/stat.h:160): size 224, align 8"), std::string::npos);
  nlohmann::json j = dump_json(a, {Kind::constant}, {"BIG"});
  EXPECT_EQ(j["constants"]["BIG"]["value"], 18446744073709551615ull);
  EXPECT_FALSE(j.contains("records"));
}

TEST(AbiLayoutJson, RoundTripsWhole) {
  Dump a = freebsd_like();
  Dump back = layout_from_json(nlohmann::json::parse(layout_to_json(a).dump()));
  EXPECT_EQ(layout_to_json(back), layout_to_json(a));
  EXPECT_EQ(back.records.at("stat").fields.at(1).offset_bits, 64u);
  EXPECT_TRUE(back.constants.at("BIG").is_unsigned);
  EXPECT_EQ(back.failed.at(0).header, "FlexLexer.h");
}

} // namespace
} // namespace xport::abi
