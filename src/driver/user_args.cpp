// Reading a user's compiler arguments (see user_args.hpp). Driven by the option table in
// clang_options.cpp: anything not in it is a flag without an argument or an input file.
#include "driver/user_args.hpp"

#include <array>
#include <fstream>
#include <sstream>

namespace xport::driver {
namespace {

constexpr int max_response_depth = 16; // clang's own limit is similar; guards against @a in a

// Source extensions clang compiles as C++ (clang/lib/Driver/Types.cpp, lookupTypeForExtension).
constexpr std::array cxx_extensions = {".cc", ".cp", ".cxx", ".cpp",  ".CPP", ".c++", ".C",
                                       ".ii", ".mm", ".M",   ".cppm", ".hpp", ".hh",  ".hxx"};
// Inputs that are linked, not compiled.
constexpr std::array linker_input_extensions = {".o", ".obj", ".a", ".so", ".lo", ".la"};

std::string_view extension_of(std::string_view path) {
  auto slash = path.rfind('/');
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return {};
  return path.substr(dot);
}

bool is_linker_input(std::string_view path) {
  std::string_view ext = extension_of(path);
  for (std::string_view e : linker_input_extensions)
    if (ext == e)
      return true;
  // Versioned shared objects: libfoo.so.1
  return path.find(".so.") != std::string_view::npos;
}

bool is_cxx_language(std::string_view language) {
  return language.starts_with("c++") || language == "objective-c++";
}

// Linker options that choose the program interpreter (GNU ld and lld spellings).
bool names_dynamic_linker(std::string_view linker_arg) {
  return linker_arg == "-dynamic-linker" || linker_arg == "--dynamic-linker" ||
         linker_arg.starts_with("-dynamic-linker=") ||
         linker_arg.starts_with("--dynamic-linker=") || linker_arg == "-I" ||
         (linker_arg.starts_with("-I") && linker_arg.size() > 2);
}

struct Reader {
  UserArgs out;
  std::string language; // the current -x, "" or "none" = by extension

  void linker_words(std::string_view joined) {
    while (true) {
      auto comma = joined.find(',');
      std::string_view word = joined.substr(0, comma);
      if (names_dynamic_linker(word))
        out.sets_dynamic_linker = true;
      if (word == "--gc-sections" || word == "-gc-sections")
        out.gc_sections = true;
      else if (word == "--no-gc-sections" || word == "-no-gc-sections")
        out.gc_sections = false;
      if (comma == std::string_view::npos)
        return;
      joined.remove_prefix(comma + 1);
    }
  }

  void input(std::string_view word) {
    ++out.input_count;
    bool by_extension = language.empty() || language == "none";
    if (by_extension && is_linker_input(word))
      return;
    out.has_source_input = true;
    if (by_extension) {
      for (std::string_view e : cxx_extensions)
        if (extension_of(word) == e)
          out.has_cxx_input = true;
    } else if (is_cxx_language(language)) {
      out.has_cxx_input = true;
    }
  }

  void option(const ClangOption& o, std::string_view argument) {
    uint32_t f = o.flags;
    if (f & info_only)
      out.info_only = true;
    if (f & runs_nothing)
      out.runs_nothing = true;
    if ((f & stops_after_preprocess))
      out.last_phase = Phase::preprocess;
    else if ((f & stops_after_compile) && out.last_phase > Phase::compile)
      out.last_phase = Phase::compile;
    else if ((f & stops_after_assemble) && out.last_phase > Phase::assemble)
      out.last_phase = Phase::assemble;
    out.shared |= (f & link_shared) != 0;
    out.static_ |= (f & link_static) != 0;
    out.static_pie |= (f & link_static_pie) != 0;
    if (f & link_pie) {
      out.pie = true;
      out.no_pie = false;
    }
    if (f & link_no_pie) {
      out.no_pie = true;
      out.pie = false;
    }
    out.relocatable |= (f & link_relocatable) != 0;
    if (f & passes_to_linker)
      linker_words(argument);
    if (f & names_output)
      out.output = std::string(argument);
    if (f & selects_language) {
      out.selects_language = true;
      language = std::string(argument);
    }
    if (o.aspect == Aspect::emulated_tls)
      out.emulated_tls = o.name == "-femulated-tls";
    if (o.aspect != Aspect::none)
      out.choose(o.aspect);
  }

  void read(std::span<const std::string> args, int depth) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& word = args[i];
      if (word.size() > 1 && word[0] == '@') {
        if (depth == 0)
          out.response_files.push_back(word.substr(1));
        if (depth < max_response_depth)
          response_file(word.substr(1), depth + 1);
        continue;
      }
      if (word.size() < 2 || word[0] != '-') {
        input(word); // "-" alone is standard input, also an input
        continue;
      }
      auto match = find_clang_option(word);
      if (!match)
        continue; // a flag clang knows and the driver need not
      const ClangOption& o = *match->option;
      std::string_view argument;
      if (match->joined) {
        argument = std::string_view(word).substr(o.name.size());
      } else if (o.flags & takes_arg) {
        if (i + 1 < args.size())
          argument = args[++i];
      }
      option(o, argument);
    }
  }

  void response_file(const std::string& path, int depth) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
      return; // clang reports it, with its own wording
    std::ostringstream text;
    text << in.rdbuf();
    std::vector<std::string> words = split_response_file(text.str());
    read(words, depth);
  }
};

} // namespace

std::vector<std::string> split_response_file(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote)
        quote = 0;
      else if (c == '\\' && quote == '"' && i + 1 < text.size())
        word += text[++i];
      else
        word += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < text.size()) {
      word += text[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      if (in_word)
        words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word)
    words.push_back(std::move(word));
  return words;
}

UserArgs read_user_args(std::span<const std::string> args) {
  Reader reader;
  reader.read(args, 0);
  return reader.out;
}

} // namespace xport::driver
