// `xport inspect FILE... [--json]`: one line per ELF image (archives: one per member), in the
// spirit of file(1) but exact; --json gives every detail the Summary holds.
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "elf/elf_file.hpp"
#include "elf/input.hpp"
#include "elf/summary.hpp"
#include "util/error.hpp"
#include "util/json_text.hpp"

namespace xport::cli {

int run_inspect(const Invocation& inv) {
  CLI::App app{"Describe ELF files: class, byte order, type, machine, linking, interpreter, OS "
               "note and version, build-id, symbols"};
  std::vector<std::string> files;
  bool json = false;
  app.add_option("files", files, "ELF files or .a archives")->required();
  app.add_flag("--json", json, "print everything as JSON (notes, NEEDED, RPATH, TLS, relocations)");
  if (auto status = parse(app, inv))
    return *status;

  nlohmann::json out = nlohmann::json::array();
  int status = exit_ok;
  for (const std::string& file : files) {
    try {
      elf::Input input = elf::open_input(file);
      for (const elf::Image& image : input.images) {
        try {
          elf::Summary s = elf::summarize(elf::ElfFile(image.name, image.bytes));
          if (json)
            out.push_back(s.to_json());
          else
            std::cout << image.name << ": " << s.describe() << "\n";
        } catch (const Error& e) {
          // One bad member must not hide the others.
          status = exit_failed;
          if (json)
            out.push_back({{"file", image.name}, {"error", e.what()}});
          else
            std::cerr << "xport: error: " << e.what() << "\n";
        }
      }
    } catch (const Error& e) {
      status = exit_failed;
      if (json)
        out.push_back({{"file", file}, {"error", e.what()}});
      else
        std::cerr << "xport: error: " << e.what() << "\n";
    }
  }
  if (json)
    std::cout << util::json_text(out) << "\n";
  return status;
}

} // namespace xport::cli
