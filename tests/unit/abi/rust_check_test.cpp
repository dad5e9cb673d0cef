// check-rust: the probe's questions and source, rustc's errors tied back to them, libc's cfgs, the
// crate index and the report; and one real run of rustc on a tiny crate against a hand-made dump.
#include <filesystem>
#include <unistd.h>

#include <gtest/gtest.h>

#include "abi/rust_check.hpp"
#include "abi/rust_crate.hpp"
#include "abi/rust_probe.hpp"
#include "rust/rust_target.hpp"
#include "target/catalog.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace xport::abi {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Field field(std::string name, uint64_t offset_bytes, uint64_t size_bytes) {
  Field f;
  f.name = std::move(name);
  f.offset_bits = offset_bytes * 8;
  f.size_bits = size_bytes * 8;
  return f;
}

Record record(std::string name, uint64_t size, uint64_t align, std::vector<Field> fields) {
  Record r;
  r.name = std::move(name);
  r.size = size;
  r.align = align;
  r.fields = std::move(fields);
  r.place = {"sys/stat.h", 100};
  return r;
}

Constant constant(std::string name, int64_t value, bool is_unsigned = false) {
  Constant c;
  c.name = std::move(name);
  c.value = value;
  c.is_unsigned = is_unsigned;
  c.place = {"sys/errno.h", 7};
  return c;
}

TEST(RustProbe, AsksSizeAlignAndEachFieldAndSkipsWhatRustCannotName) {
  Dump d;
  Record s = record("stat", 16, 8, {field("a", 0, 4), field("b", 8, 8), field("", 0, 4)});
  Field bits = field("flags", 4, 0);
  bits.bitfield = true;
  s.fields.push_back(bits);
  d.records["stat"] = s;
  d.records["opaque"] = record("opaque", 0, 0, {});
  d.constants["EAGAIN"] = constant("EAGAIN", 35);
  ProbePlan plan = plan_probe(d);
  ASSERT_EQ(plan.items.size(), 7u); // size, align, a (2), b (2), EAGAIN
  EXPECT_EQ(plan.items[0].kind, ProbeKind::size);
  EXPECT_EQ(plan.items[3].kind, ProbeKind::field_size);
  EXPECT_EQ(plan.items[3].field, "a");
  EXPECT_EQ(plan.items[6].kind, ProbeKind::value);
  std::vector<std::string> skipped;
  for (const NotCompared& n : plan.skipped)
    skipped.push_back(n.name + ": " + n.why);
  EXPECT_EQ(skipped, (std::vector<std::string>{"opaque: incomplete in C",
                                               "stat.<anonymous>: anonymous member",
                                               "stat.flags: bitfield"}));
}

TEST(RustProbe, EachQuestionIsOneStaticOnItsOwnLineAndDroppedOnesKeepTheLines) {
  std::vector<ProbeItem> items = {{ProbeKind::size, "stat", ""},
                                  {ProbeKind::offset, "stat", "type"},
                                  {ProbeKind::field_size, "sigaction", "u.handler"},
                                  {ProbeKind::value, "EAGAIN", ""}};
  std::string text = probe_source(items, {true, false, true, true}, "libc");
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  EXPECT_NE(text.find("extern crate libc;"), std::string::npos);
  EXPECT_EQ(lines.at(probe_line(0) - 1),
            "#[no_mangle] pub static XPORT_0: u64 = core::mem::size_of::<libc::stat>() as u64;");
  EXPECT_EQ(lines.at(probe_line(1) - 1), ""); // dropped: the line stays, empty
  EXPECT_NE(lines.at(probe_line(2) - 1).find("addr_of!((*u.as_ptr()).u.handler)"),
            std::string::npos);
  EXPECT_EQ(lines.at(probe_line(3) - 1),
            "#[no_mangle] pub static XPORT_3: [i128; 2] = [libc::EAGAIN as i128, "
            "xport_width(&libc::EAGAIN) as i128];");
  // A C name that is a Rust keyword is spelled as a raw identifier.
  std::string kept = probe_source(items, {false, true, false, false}, "libc");
  EXPECT_NE(kept.find("offset_of!(libc::stat, r#type)"), std::string::npos);
}

TEST(RustProbe, ErrorsAreTiedToProbeLinesThroughMacroExpansions) {
  std::string output =
      R"({"$message_type":"diagnostic","message":"cannot find type `nope` in crate `libc`","code":{"code":"E0412","explanation":""},"level":"error","spans":[{"file_name":"/tmp/x/xport_abi_probe.rs","line_start":12,"line_end":12,"is_primary":true,"expansion":null}],"children":[],"rendered":"error[E0412]: cannot find type"})"
      "\n"
      R"({"$message_type":"diagnostic","message":"no field `st_nope` on type `stat`","code":{"code":"E0609","explanation":""},"level":"error","spans":[{"file_name":"/rust/core/src/mem/mod.rs","line_start":1300,"line_end":1300,"is_primary":true,"expansion":{"span":{"file_name":"/tmp/x/xport_abi_probe.rs","line_start":14,"line_end":14,"is_primary":false,"expansion":null},"macro_decl_name":"offset_of!"}}],"children":[],"rendered":"error[E0609]"})"
      "\n"
      R"({"$message_type":"diagnostic","message":"pointers cannot be cast to integers during const eval","code":null,"level":"error","spans":[{"file_name":"/tmp/x/xport_abi_probe.rs","line_start":15,"line_end":15,"is_primary":true,"expansion":null}],"children":[],"rendered":"error: pointers"})"
      "\n"
      R"({"$message_type":"diagnostic","message":"unused variable","code":null,"level":"warning","spans":[],"children":[],"rendered":"warning"})"
      "\n"
      R"({"$message_type":"diagnostic","message":"aborting due to 3 previous errors","code":null,"level":"error","spans":[],"children":[],"rendered":"error: aborting"})"
      "\nnot json\n";
  std::vector<ProbeError> errors = parse_probe_errors(output, "/tmp/x/xport_abi_probe.rs");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].lines, (std::vector<unsigned>{12}));
  EXPECT_EQ(reason_of(errors[0]), "not in the crate");
  EXPECT_EQ(errors[1].lines, (std::vector<unsigned>{14}));
  EXPECT_EQ(reason_of(errors[1]), "no such field in the crate");
  EXPECT_EQ(reason_of(errors[2]), "not an integer in the crate");
  ProbeError other;
  other.code = "E0277";
  other.message = "the size for values of type `[u8]` cannot be known";
  EXPECT_EQ(reason_of(other), "rustc: E0277: the size for values of type `[u8]` cannot be known");
}

TEST(RustProbe, ValuesPast64BitsAndNegativeOnesAreShownAsRustHasThem) {
  EXPECT_EQ(value_text({35, 0, 4}), "35");
  EXPECT_EQ(value_text({~uint64_t{0}, -1, 4}), "-1");
  EXPECT_EQ(value_text({~uint64_t{0}, 0, 8}), "18446744073709551615");
  EXPECT_EQ(value_text({0, 1, 16}), "0x0000000000000001_0000000000000000");
}

TEST(LibcCfgs, FollowLibcsBuildScript) {
  util::Environment none;
  json freebsd = {{"os", "freebsd"}, {"arch", "x86_64"}, {"target-pointer-width", 64}};
  EXPECT_EQ(libc_cfgs(freebsd, none, 13), (std::vector<std::string>{"freebsd13"}));
  EXPECT_EQ(libc_cfgs(freebsd, none, 16), (std::vector<std::string>{"freebsd15"}));
  json musl_arm = {
      {"os", "linux"}, {"env", "musl"}, {"arch", "arm"}, {"target-pointer-width", "32"}};
  EXPECT_EQ(libc_cfgs(musl_arm, none, 12), (std::vector<std::string>{"freebsd12"}));
  EXPECT_EQ(
      libc_cfgs(musl_arm, {{"RUST_LIBC_UNSTABLE_MUSL_V1_2_3", "1"}}, 12),
      (std::vector<std::string>{"freebsd12", "musl_v1_2_3", "musl32_time64", "linux_time_bits64"}));
  json gnu_arm = {{"os", "linux"}, {"env", "gnu"}, {"arch", "arm"}, {"target-pointer-width", "32"}};
  EXPECT_EQ(libc_cfgs(gnu_arm, {{"RUST_LIBC_UNSTABLE_GNU_TIME_BITS", "64"}}, 12),
            (std::vector<std::string>{"freebsd12", "linux_time_bits64", "gnu_time_bits64",
                                      "gnu_file_offset_bits64"}));
}

TEST(CrateIndex, FindsTheDefinitionAndTheFieldsLineInIt) {
  CrateIndex index = index_text("src/lib.rs", "s! {\n"
                                              "    pub struct stat {\n"
                                              "        pub st_dev: dev_t,\n"
                                              "        pub r#type: u8,\n"
                                              "        st_nlink: nlink_t,\n"
                                              "    }\n"
                                              "}\n"
                                              "pub const EAGAIN: c_int = 35;\n");
  EXPECT_EQ(index.place_of("stat", ""), "src/lib.rs:2");
  EXPECT_EQ(index.place_of("stat", "st_nlink"), "src/lib.rs:5");
  EXPECT_EQ(index.place_of("stat", "type"), "src/lib.rs:4");
  EXPECT_EQ(index.place_of("stat", "st_gone"), "src/lib.rs:2");
  EXPECT_EQ(index.place_of("EAGAIN", ""), "src/lib.rs:8");
  EXPECT_EQ(index.place_of("nothing", ""), "");
}

TEST(CrateNames, RustdocJsonGivesTypesAndValuesInEitherFormat) {
  json newer = {{"index",
                 {{"1", {{"name", "stat"}, {"inner", {{"struct", json::object()}}}}},
                  {"2", {{"name", "timezone"}, {"inner", {{"enum", json::object()}}}}},
                  {"3", {{"name", "EAGAIN"}, {"inner", {{"constant", json::object()}}}}},
                  {"4", {{"name", "stat"}, {"inner", {{"function", json::object()}}}}},
                  {"5", {{"name", nullptr}, {"inner", {{"impl", json::object()}}}}}}}};
  CrateNames n = names_of_rustdoc_json(newer);
  EXPECT_EQ(n.types,
            (std::map<std::string, std::string>{{"stat", "struct"}, {"timezone", "enum"}}));
  EXPECT_EQ(n.values, (std::set<std::string>{"EAGAIN"}));
  json older = {{"index", {{"0:1", {{"name", "sigval"}, {"kind", "union"}}}}}};
  EXPECT_EQ(names_of_rustdoc_json(older).types.count("sigval"), 1u);
  EXPECT_TRUE(names_of_rustdoc_json(json::array()).types.empty());
}

TEST(RustReport, EachMismatchShowsBothValuesAndPlacesThenASummary) {
  RustCheckReport r;
  r.target = "x86_64-unknown-freebsd";
  r.crate_name = "libc";
  r.crate_version = "0.2.183";
  r.crate = "/src/libc";
  r.toolchain = "rustc 1.96.0 (/usr/bin/rustc)";
  r.records_compared = 2;
  r.fields_compared = 5;
  r.constants_compared = 1;
  r.mismatches.push_back({"offset", "stat", "b", "8", "12", "sys/stat.h:100", "src/lib.rs:4"});
  r.not_compared.push_back({"constant", "EWOULDBLOCK", "not in the crate"});
  r.not_compared.push_back({"constant", "EDEADLK", "not in the crate"});
  std::string text = report_text(r);
  EXPECT_NE(text.find("MISMATCH stat.b: offset differs\n"
                      "  C:    8        (sys/stat.h:100)\n"
                      "  Rust: 12       (src/lib.rs:4)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  2 constants not in the crate: EWOULDBLOCK, EDEADLK\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("FAILED: 2 records (5 fields) and 1 constants compared, 1 mismatch, 2 not "
                      "compared"),
            std::string::npos)
      << text;
  json j = report_json(r);
  EXPECT_EQ(j["mismatches"][0]["rust"]["value"], 12);
  EXPECT_EQ(j["mismatches"][0]["c"]["place"], "sys/stat.h:100");
  EXPECT_EQ(j["not-compared"].size(), 2u);
}

// The real thing: rustc compiles a tiny crate for x86_64-unknown-freebsd, core built from the
// toolchain's source (cached across runs in the build's test cache).
class RustCheckReal : public ::testing::Test {
protected:
  void SetUp() override {
    env_ = util::current_environment();
    env_["XDG_CACHE_HOME"] = (fs::path(XPORT_BINARY_DIR) / "test-cache" / "xdg-cache").string();
    env_.erase("RUST_LIBC_UNSTABLE_FREEBSD_VERSION");
    dir_ = fs::temp_directory_path() / ("xport-rust-check-test-" + std::to_string(getpid()));
    fs::create_directories(dir_ / "src");
    util::write_file_atomically(dir_ / "Cargo.toml",
                                "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\n"
                                "edition = \"2021\"\n");
    util::write_file_atomically(dir_ / "src" / "lib.rs", "#![no_std]\n"
                                                         "#[repr(C)]\n"
                                                         "pub struct stat {\n"
                                                         "    pub a: u32,\n"
                                                         "    pub b: u64,\n"
                                                         "}\n"
                                                         "#[repr(C)]\n"
                                                         "pub struct timespec {\n"
                                                         "    pub tv_sec: i64,\n"
                                                         "    pub tv_nsec: i64,\n"
                                                         "    hidden: u8,\n"
                                                         "}\n"
                                                         "pub enum opaque {}\n"
                                                         "pub const EAGAIN: i32 = 35;\n"
                                                         "pub const ALL: i32 = -1;\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The first rustc whose library source is installed: Debian's (rust-src / rust-web-src), then
  // the one on PATH, then rustup's nightly.
  std::optional<rust::ToolchainRequest> toolchain_with_source() {
    for (rust::ToolchainRequest r :
         {rust::ToolchainRequest{{}, "/usr/bin/rustc"}, rust::ToolchainRequest{},
          rust::ToolchainRequest{"nightly", {}}}) {
      try {
        if (fs::exists(rust::find_toolchain(r, env_).library_source() / "core"))
          return r;
      } catch (const Error&) {
      }
    }
    return std::nullopt;
  }

  util::Environment env_;
  fs::path dir_;
};

TEST_F(RustCheckReal, ReportsExactlyTheFieldWhoseOffsetDiffers) {
  auto toolchain = toolchain_with_source();
  if (!toolchain)
    GTEST_SKIP() << "no rustc with its library source here (apt-get install rustc-web "
                    "rust-web-src, or rustup component add rust-src)";
  target::SearchOptions search;
  search.user_dirs = false;
  RustCheckRequest request;
  request.target =
      rust::rust_target_of(target::Catalog::load(search).resolve("x86_64-unknown-freebsd"), {});
  request.toolchain = *toolchain;
  request.crate = dir_;
  request.xport = fs::path(XPORT_BINARY_DIR) / "bin" / "xport"; // the spec the e2e tests use

  Dump c;
  c.target = "x86_64-unknown-freebsd";
  // C puts b at 12 where Rust has it at 8: the one mismatch.
  c.records["stat"] = record("stat", 16, 8, {field("a", 0, 4), field("b", 12, 8)});
  c.records["timespec"] = record("timespec", 24, 8,
                                 {field("tv_sec", 0, 8), field("tv_nsec", 8, 8),
                                  field("hidden", 16, 1), field("tv_gone", 16, 8)});
  c.records["opaque"] = record("opaque", 8, 8, {field("x", 0, 8)});
  c.records["nowhere"] = record("nowhere", 4, 4, {field("x", 0, 4)});
  c.constants["EAGAIN"] = constant("EAGAIN", 35);
  c.constants["ALL"] = constant("ALL", 0xffffffff, true); // the same 32 bits as Rust's -1i32
  c.constants["ENOPE"] = constant("ENOPE", 99);

  RustCheckReport r = check_rust(c, request, env_);
  ASSERT_EQ(r.mismatches.size(), 1u) << report_text(r);
  const RustMismatch& m = r.mismatches[0];
  EXPECT_EQ(m.kind, "offset");
  EXPECT_EQ(m.name, "stat");
  EXPECT_EQ(m.field, "b");
  EXPECT_EQ(m.c_value, "12");
  EXPECT_EQ(m.rust_value, "8");
  EXPECT_EQ(m.c_place, "sys/stat.h:100");
  EXPECT_EQ(m.rust_place, "src/lib.rs:5");
  EXPECT_EQ(r.records_compared, 2u);
  EXPECT_EQ(r.fields_compared, 4u);
  EXPECT_EQ(r.constants_compared, 2u);

  std::vector<std::string> not_compared;
  for (const NotCompared& n : r.not_compared)
    not_compared.push_back(n.kind + " " + n.name + ": " + n.why);
  std::sort(not_compared.begin(), not_compared.end());
  EXPECT_EQ(not_compared, (std::vector<std::string>{
                              "constant ENOPE: not in the crate",
                              "field timespec.hidden: private in the crate",
                              "field timespec.tv_gone: no such field in the crate",
                              "record nowhere: not in the crate",
                              "record opaque: opaque in the crate (an empty enum)",
                          }))
      << report_text(r);
  EXPECT_EQ(r.crate_name, "tiny");
  EXPECT_TRUE(r.cfgs.empty());
}

TEST(RustCrate, AFolderWithoutCargoTomlIsNotACrate) {
  try {
    read_rust_crate("/nonexistent/crate");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/crate: not a crate"), std::string::npos);
  }
}

} // namespace
} // namespace xport::abi
