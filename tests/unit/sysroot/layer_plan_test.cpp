// What `xport sysroot add` layers, before the store takes it: media as given with the add's
// settings, or a symbol-ABI tree staged on its own in a folder removed with the plan.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "sysroot/layer_plan.hpp"
#include "util/error.hpp"

namespace xport::sysroot {
namespace {

namespace fs = std::filesystem;

class LayerPlanTest : public ::testing::Test {
protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    base_ = fs::path(XPORT_BINARY_DIR) / "unit-sysroot" / info->test_suite_name() / info->name();
    fs::remove_all(base_);
    fs::create_directories(base_);
  }
  fs::path base_;
};

// A stager that finds a tree in the medium named "tree" and nowhere else.
std::optional<StagedTree> tree_named_tree(const MediumSource& medium, const fs::path& staging) {
  if (fs::path(medium.display).filename() != "tree")
    return std::nullopt;
  std::ofstream(staging / "layer.json") << "{}";
  StagedTree tree;
  tree.libraries = {{"libc", "repos/libports/lib/symbols/libc"}};
  return tree;
}

target::Profile genode_like() {
  target::Profile profile;
  profile.name = "x86_64-test";
  profile.symbol_abi = target::SymbolAbi{};
  return profile;
}

TEST_F(LayerPlanTest, MediaAreLayeredAsGivenWithTheAddsSettings) {
  Store store = Store::open(base_ / "store");
  LayerSources sources{"fb", {"a.deb", "b.pkg"}, {}, {}};
  sources.settings.all = true;
  sources.settings.max_member_size = 1234;
  bool staged = false;
  LayerPlan plan = plan_layer(store, Sysroot{}, target::Profile{}, sources,
                              [&](const MediumSource&, const fs::path&) {
                                staged = true;
                                return std::optional<StagedTree>();
                              },
                              {});
  EXPECT_FALSE(staged) << "no tree is looked for without a symbol ABI in the profile";
  EXPECT_EQ(plan.request.media, (std::vector<fs::path>{"a.deb", "b.pkg"}));
  EXPECT_TRUE(plan.request.all);
  EXPECT_EQ(plan.request.max_member_size, 1234u);
  EXPECT_FALSE(plan.tree);
  EXPECT_FALSE(plan.apt);
  EXPECT_FALSE(plan.nothing_to_add());
}

TEST_F(LayerPlanTest, ATreeIsStagedAndRemovedWithThePlan) {
  Store store = Store::open(base_ / "store");
  fs::path staging;
  {
    LayerPlan plan = plan_layer(store, Sysroot{}, genode_like(),
                                {"gen", {(base_ / "tree").string()}, {}, {}}, tree_named_tree, {});
    ASSERT_TRUE(plan.tree);
    staging = plan.staging.path();
    EXPECT_TRUE(fs::exists(staging / "layer.json"));
    EXPECT_EQ(plan.request.media, std::vector<fs::path>{staging});
    EXPECT_EQ(plan.request.recorded_as, std::vector<std::string>{(base_ / "tree").string()});
    EXPECT_TRUE(plan.request.all) << "a tree is taken whole";
  }
  EXPECT_FALSE(fs::exists(staging));
}

TEST_F(LayerPlanTest, ATreeIsAddedOnItsOwn) {
  Store store = Store::open(base_ / "store");
  EXPECT_THROW(plan_layer(store, Sysroot{}, genode_like(), {"gen", {"x.deb", "tree"}, {}, {}},
                          tree_named_tree, {}),
               UsageError);
  EXPECT_THROW(plan_layer(store, Sysroot{}, genode_like(), {"gen", {"tree"}, {"zlib1g-dev"}, {}},
                          tree_named_tree, {}),
               UsageError);
  for (const auto& entry : fs::directory_iterator(base_ / "store"))
    EXPECT_FALSE(entry.path().filename().string().starts_with(".staging-"))
        << entry.path() << " was left behind";
}

} // namespace
} // namespace xport::sysroot
