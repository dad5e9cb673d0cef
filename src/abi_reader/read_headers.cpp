// Reading headers with libclang's C API (clang-c/Index.h), in xport-abi-reader (see
// read_headers.hpp; abi/dump.hpp says how the headers are read).
#include "abi_reader/read_headers.hpp"

#include <algorithm>
#include <clang-c/Index.h>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "abi_reader/confinement.hpp"

namespace xport::abi {
namespace {

constexpr const char* main_file = "xport-abi.c";
constexpr const char* probe_prefix = "xport_abi_value_";
constexpr int max_rounds = 12; // each round leaves out the headers that failed in the last

std::string text(CXString s) {
  const char* c = clang_getCString(s);
  std::string out = c ? c : "";
  clang_disposeString(s);
  return out;
}

struct IndexDeleter {
  void operator()(void* index) const { clang_disposeIndex(index); }
};
struct UnitDeleter {
  void operator()(CXTranslationUnitImpl* unit) const { clang_disposeTranslationUnit(unit); }
};
using Unit = std::unique_ptr<CXTranslationUnitImpl, UnitDeleter>;

struct Location {
  std::string file;
  unsigned line = 0;
};

// A file's name as clang found it ("gcc-cross/aarch64-linux-gnu/12/../../../../aarch64-linux-gnu/
// include/stdio.h"), without the dot-dot steps.
std::string file_name(CXFile file) {
  if (!file)
    return "";
  return std::filesystem::path(text(clang_getFileName(file))).lexically_normal().string();
}

Location location_of(CXSourceLocation loc) {
  CXFile file = nullptr;
  unsigned line = 0, column = 0, offset = 0;
  clang_getSpellingLocation(loc, &file, &line, &column, &offset);
  return {file_name(file), line};
}

class Parser {
public:
  explicit Parser(const ReadRequest& request) : index_(clang_createIndex(0, 0)) {
    argv_.push_back(request.compiler);
    for (const std::string& f : request.flags)
      argv_.push_back(f);
    // The headers' own warnings are not ours to show; C as the C library's headers expect it.
    for (const char* f : {"-w", "-ferror-limit=0", "-x", "c", "-std=gnu11"})
      argv_.emplace_back(f);
  }

  Unit parse(const std::string& source) const {
    std::vector<const char*> args;
    for (const std::string& a : argv_)
      args.push_back(a.c_str());
    CXUnsavedFile unsaved{main_file, source.c_str(), static_cast<unsigned long>(source.size())};
    CXTranslationUnit unit = nullptr;
    // Full argv (with the compiler) so that clang's driver rules apply to the flags as given.
    CXErrorCode status = clang_parseTranslationUnit2FullArgv(
        index_.get(), main_file, args.data(), static_cast<int>(args.size()), &unsaved, 1,
        CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_SkipFunctionBodies |
            CXTranslationUnit_KeepGoing,
        &unit);
    if (status == CXError_Crashed)
      throw std::runtime_error(fmt::format(
          "libclang stopped while parsing the headers: past the reader's {} MiB of memory (a "
          "macro that expands exponentially?), or a crash of libclang's own, with: {}",
          reader_memory_limit >> 20, fmt::join(argv_, " ")));
    if (status != CXError_Success || !unit)
      throw std::runtime_error(
          fmt::format("libclang could not parse the headers (error {}) with: {}",
                      static_cast<int>(status), fmt::join(argv_, " ")));
    return Unit(unit);
  }

private:
  std::unique_ptr<void, IndexDeleter> index_;
  std::vector<std::string> argv_;
};

// The header of `headers` (by line of the main file: header i is on line i + 1) that brought in
// the file an error is in, found through the inclusion stack.
struct Attribution {
  std::map<std::string, std::size_t> top_level; // file -> index of the header including it
};

void record_inclusion(CXFile included, CXSourceLocation* stack, unsigned depth, void* data) {
  auto* a = static_cast<Attribution*>(data);
  if (depth == 0)
    return; // the main file
  // stack[depth - 1] is the #include in the main file that started this chain.
  CXFile file = nullptr;
  unsigned line = 0, column = 0, offset = 0;
  clang_getSpellingLocation(stack[depth - 1], &file, &line, &column, &offset);
  std::string name = file_name(included);
  if (line > 0)
    a->top_level.emplace(name, line - 1);
}

struct Diagnostic {
  std::string message; // file:line: message
  std::string file;
  unsigned line = 0;
  std::string spelling; // the message alone
};

std::vector<Diagnostic> errors_of(CXTranslationUnit unit) {
  std::vector<Diagnostic> out;
  unsigned n = clang_getNumDiagnostics(unit);
  for (unsigned i = 0; i < n; ++i) {
    CXDiagnostic d = clang_getDiagnostic(unit, i);
    if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
      Location where = location_of(clang_getDiagnosticLocation(d));
      std::string spelling = text(clang_getDiagnosticSpelling(d));
      out.push_back({fmt::format("{}:{}: {}", where.file, where.line, spelling), where.file,
                     where.line, spelling});
    }
    clang_disposeDiagnostic(d);
  }
  return out;
}

std::string source_of(const std::vector<std::string>& headers) {
  std::string source;
  for (const std::string& h : headers)
    source += "#include <" + h + ">\n";
  return source;
}

class Collector {
public:
  Collector(Dump& dump, std::vector<std::string> include_roots)
      : dump_(dump), roots_(std::move(include_roots)) {}

  void visit_unit(CXTranslationUnit unit) {
    clang_visitChildren(clang_getTranslationUnitCursor(unit), &Collector::visit_top, this);
  }

private:
  Place place_of(CXCursor c) const {
    Location l = location_of(clang_getCursorLocation(c));
    for (const std::string& root : roots_)
      if (l.file.starts_with(root + "/"))
        return {l.file.substr(root.size() + 1), l.line};
    return {l.file, l.line};
  }

  static CXChildVisitResult visit_top(CXCursor c, CXCursor, CXClientData data) {
    static_cast<Collector*>(data)->declaration(c);
    return CXChildVisit_Continue;
  }

  void declaration(CXCursor c) {
    Location where = location_of(clang_getCursorLocation(c));
    if (where.file.empty() || where.file == main_file)
      return;
    switch (clang_getCursorKind(c)) {
    case CXCursor_StructDecl:
    case CXCursor_UnionDecl:
      record(c, text(clang_getCursorSpelling(c)));
      break;
    case CXCursor_EnumDecl:
      enumeration(c, text(clang_getCursorSpelling(c)));
      break;
    case CXCursor_TypedefDecl:
      typedef_(c);
      break;
    case CXCursor_FunctionDecl: {
      std::string name = text(clang_getCursorSpelling(c));
      dump_.functions.try_emplace(
          name, Function{name, text(clang_getTypeSpelling(clang_getCursorType(c))), place_of(c)});
      break;
    }
    default:
      break;
    }
  }

  // Anonymous records get their typedef's name; a definition nested in another record is a
  // file-scope declaration in C and is listed on its own.
  void record(CXCursor c, const std::string& name) {
    if (!clang_isCursorDefinition(c) || name.empty() || clang_Cursor_isAnonymous(c))
      return;
    CXType type = clang_getCursorType(c);
    long long size = clang_Type_getSizeOf(type), align = clang_Type_getAlignOf(type);
    if (size < 0 || align < 0)
      return; // dependent or invalid
    Record r;
    r.name = name;
    r.is_union = clang_getCursorKind(c) == CXCursor_UnionDecl;
    r.size = static_cast<uint64_t>(size);
    r.align = static_cast<uint64_t>(align);
    r.place = place_of(c);
    fields(c, 0, r.fields);
    dump_.records.insert_or_assign(name, std::move(r));
  }

  // The fields of the record at `c`, at `base` bits; an anonymous struct or union member's
  // fields are the record's own in C, at their offsets.
  void fields(CXCursor c, uint64_t base, std::vector<Field>& out) {
    struct Walk {
      Collector* self;
      uint64_t base;
      std::vector<Field>* out;
      CXCursor parent;
    } walk{this, base, &out, c};
    clang_visitChildren(
        c,
        [](CXCursor child, CXCursor, CXClientData data) {
          auto* w = static_cast<Walk*>(data);
          CXCursorKind kind = clang_getCursorKind(child);
          if (kind == CXCursor_StructDecl || kind == CXCursor_UnionDecl) {
            if (!clang_Cursor_isAnonymous(child))
              w->self->record(child, text(clang_getCursorSpelling(child)));
            return CXChildVisit_Continue;
          }
          if (kind == CXCursor_EnumDecl) {
            w->self->enumeration(child, text(clang_getCursorSpelling(child)));
            return CXChildVisit_Continue;
          }
          if (kind != CXCursor_FieldDecl)
            return CXChildVisit_Continue;
          CXType type = clang_getCursorType(child);
          std::string name = text(clang_getCursorSpelling(child));
          long long offset = clang_Cursor_getOffsetOfField(child);
          if (offset < 0)
            return CXChildVisit_Continue;
          CXCursor decl = clang_getTypeDeclaration(clang_getCanonicalType(type));
          if (name.empty() || clang_Cursor_isAnonymousRecordDecl(decl)) {
            if (clang_Cursor_isAnonymousRecordDecl(decl)) {
              w->self->fields(decl, w->base + static_cast<uint64_t>(offset), *w->out);
              return CXChildVisit_Continue;
            }
          }
          Field f;
          f.name = name;
          f.offset_bits = w->base + static_cast<uint64_t>(offset);
          f.bitfield = clang_Cursor_isBitField(child);
          long long size = clang_Type_getSizeOf(type);
          f.size_bits = f.bitfield ? static_cast<uint64_t>(clang_getFieldDeclBitWidth(child))
                        : size > 0 ? static_cast<uint64_t>(size) * 8
                                   : 0; // a flexible array member
          f.type = text(clang_getTypeSpelling(type));
          f.canonical = text(clang_getTypeSpelling(clang_getCanonicalType(type)));
          w->out->push_back(std::move(f));
          return CXChildVisit_Continue;
        },
        &walk);
  }

  void enumeration(CXCursor c, const std::string& name) {
    if (!clang_isCursorDefinition(c))
      return;
    Enum e;
    e.name = name;
    e.place = place_of(c);
    struct Walk {
      Collector* self;
      Enum* e;
    } walk{this, &e};
    const bool is_unsigned = [&] {
      CXTypeKind k = clang_getCanonicalType(clang_getEnumDeclIntegerType(c)).kind;
      return k == CXType_UInt || k == CXType_ULong || k == CXType_ULongLong || k == CXType_UShort ||
             k == CXType_UChar;
    }();
    clang_visitChildren(
        c,
        [](CXCursor child, CXCursor, CXClientData data) {
          auto* w = static_cast<Walk*>(data);
          if (clang_getCursorKind(child) != CXCursor_EnumConstantDecl)
            return CXChildVisit_Continue;
          std::string name = text(clang_getCursorSpelling(child));
          int64_t value = clang_getEnumConstantDeclValue(child);
          w->e->values.emplace_back(name, value);
          Constant k{name, value, false, false, w->self->place_of(child)};
          w->self->dump_.constants.try_emplace(name, k);
          return CXChildVisit_Continue;
        },
        &walk);
    if (is_unsigned)
      for (auto& [n, v] : e.values)
        dump_.constants[n].is_unsigned = true;
    if (!name.empty() && !clang_Cursor_isAnonymous(c))
      dump_.enums.insert_or_assign(name, std::move(e));
    else
      anonymous_enum_ = std::move(e);
  }

  void typedef_(CXCursor c) {
    std::string name = text(clang_getCursorSpelling(c));
    CXType underlying = clang_getTypedefDeclUnderlyingType(c);
    CXType canonical = clang_getCanonicalType(underlying);
    CXCursor decl = clang_getTypeDeclaration(canonical);
    CXCursorKind kind = clang_getCursorKind(decl);
    // typedef struct { ... } name_t: the record is known by the typedef's name.
    if ((kind == CXCursor_StructDecl || kind == CXCursor_UnionDecl) &&
        clang_Cursor_isAnonymous(decl) && clang_isCursorDefinition(decl)) {
      CXType type = clang_getCursorType(decl);
      long long size = clang_Type_getSizeOf(type), align = clang_Type_getAlignOf(type);
      if (size >= 0 && align >= 0 && !dump_.records.contains(name)) {
        Record r;
        r.name = name;
        r.is_union = kind == CXCursor_UnionDecl;
        r.size = static_cast<uint64_t>(size);
        r.align = static_cast<uint64_t>(align);
        r.place = place_of(c);
        fields(decl, 0, r.fields);
        dump_.records.emplace(name, std::move(r));
      }
    }
    if (kind == CXCursor_EnumDecl && clang_Cursor_isAnonymous(decl) && anonymous_enum_ &&
        !dump_.enums.contains(name)) {
      anonymous_enum_->name = name;
      dump_.enums.emplace(name, std::move(*anonymous_enum_));
      anonymous_enum_.reset();
    }
    long long size = clang_Type_getSizeOf(clang_getCursorType(c));
    dump_.typedefs.try_emplace(name,
                               Typedef{name, text(clang_getTypeSpelling(underlying)),
                                       text(clang_getTypeSpelling(canonical)),
                                       size > 0 ? static_cast<uint64_t>(size) : 0, place_of(c)});
  }

  Dump& dump_;
  std::vector<std::string> roots_;
  std::optional<Enum> anonymous_enum_;
};

bool is_integer(CXType type) {
  switch (clang_getCanonicalType(type).kind) {
  case CXType_Bool:
  case CXType_Char_U:
  case CXType_UChar:
  case CXType_UShort:
  case CXType_UInt:
  case CXType_ULong:
  case CXType_ULongLong:
  case CXType_Char_S:
  case CXType_SChar:
  case CXType_Short:
  case CXType_Int:
  case CXType_Long:
  case CXType_LongLong:
  case CXType_Enum:
    return true;
  default:
    return false;
  }
}

// The second parse: one constant per macro, `static const __typeof__((M)) p_M = (M);`, on line
// `first_line + i`. Macros that are no integer constant expression fail to compile or evaluate
// and are left out.
void evaluate_macros(const Parser& parser, const std::vector<std::string>& headers,
                     const std::vector<std::string>& macros, Dump& dump) {
  std::string source = source_of(headers);
  const unsigned first_line = static_cast<unsigned>(headers.size()) + 1;
  for (const std::string& m : macros)
    source += fmt::format("static const __typeof__(({0})) {1}{0} = ({0});\n", m, probe_prefix);
  Unit unit = parser.parse(source);
  std::set<unsigned> failed_lines;
  for (const Diagnostic& d : errors_of(unit.get()))
    if (d.file == main_file)
      failed_lines.insert(d.line);
  // Where each macro is defined, from this parse's preprocessing record.
  std::map<std::string, CXCursor> definitions;
  struct Walk {
    std::map<std::string, CXCursor>* definitions;
    std::map<std::string, CXCursor> probes;
  } walk{&definitions, {}};
  clang_visitChildren(
      clang_getTranslationUnitCursor(unit.get()),
      [](CXCursor c, CXCursor, CXClientData data) {
        auto* w = static_cast<Walk*>(data);
        CXCursorKind kind = clang_getCursorKind(c);
        if (kind == CXCursor_MacroDefinition)
          w->definitions->insert_or_assign(text(clang_getCursorSpelling(c)), c);
        else if (kind == CXCursor_VarDecl) {
          std::string name = text(clang_getCursorSpelling(c));
          if (name.starts_with(probe_prefix))
            w->probes.emplace(name.substr(std::string_view(probe_prefix).size()), c);
        }
        return CXChildVisit_Continue;
      },
      &walk);
  for (std::size_t i = 0; i < macros.size(); ++i) {
    const std::string& name = macros[i];
    auto probe = walk.probes.find(name);
    if (failed_lines.contains(first_line + static_cast<unsigned>(i)) ||
        probe == walk.probes.end() || !is_integer(clang_getCursorType(probe->second)))
      continue;
    CXEvalResult result = clang_Cursor_Evaluate(probe->second);
    if (!result)
      continue;
    if (clang_EvalResult_getKind(result) == CXEval_Int) {
      Constant k;
      k.name = name;
      k.is_unsigned = clang_EvalResult_isUnsignedInt(result);
      k.value = k.is_unsigned ? static_cast<int64_t>(clang_EvalResult_getAsUnsigned(result))
                              : clang_EvalResult_getAsLongLong(result);
      k.from_macro = true;
      if (auto d = definitions.find(name); d != definitions.end()) {
        Location l = location_of(clang_getCursorLocation(d->second));
        k.place = {l.file, l.line};
      }
      dump.constants.insert_or_assign(name, k);
    }
    clang_EvalResult_dispose(result);
  }
}

} // namespace

namespace {

// Which files the headers may bring in: those beneath the request's readable roots, compared by
// real path (a link in a folder given as --sysroot may point anywhere).
class Confines {
public:
  explicit Confines(const ReadRequest& request) : request_(request) {
    std::error_code ec;
    for (const std::string& root : request.readable_roots) {
      std::string real = std::filesystem::weakly_canonical(root, ec).string();
      while (real.size() > 1 && real.ends_with('/'))
        real.pop_back();
      roots_.push_back(real);
    }
  }

  // The real path of `file` when it is outside every root.
  std::optional<std::string> outside(const std::string& file) const {
    if (roots_.empty() || file.empty() || file == main_file)
      return std::nullopt;
    std::error_code ec;
    std::filesystem::path real = std::filesystem::weakly_canonical(file, ec);
    if (ec)
      real = std::filesystem::path(file).lexically_normal();
    const std::string text = real.string();
    for (const std::string& root : roots_)
      if (text == root || text.starts_with(root == "/" ? root : root + "/"))
        return std::nullopt;
    return text;
  }

  // `read`: clang opened the file (the kernel has no Landlock); nothing of it is shown anyway.
  static std::string reason(const std::string& file, bool read) {
    return fmt::format("includes '{}', outside the sysroot: a sysroot's headers may use its own "
                       "files and clang's, nothing of the machine's ({})",
                       file, read ? "nothing of that file is shown" : "it was not read");
  }

  // For clang's "cannot open file '/etc/passwd': Permission denied" (Landlock's refusal) or
  // "'../../../../etc/passwd' file not found": the reason above when the include names a place
  // outside the sysroot, from the including file's folder or an include folder.
  std::optional<std::string> refused_include(const Diagnostic& d) const {
    std::string spelled;
    for (std::string_view prefix : {"cannot open file '", "'"}) {
      std::string_view rest = d.spelling;
      if (!rest.starts_with(prefix))
        continue;
      rest.remove_prefix(prefix.size());
      std::size_t quote = rest.rfind('\'');
      if (quote != std::string_view::npos &&
          (prefix.size() > 1 || rest.substr(quote) == "' file not found")) {
        spelled = rest.substr(0, quote);
        break;
      }
    }
    if (spelled.empty())
      return std::nullopt;
    std::vector<std::filesystem::path> candidates;
    if (spelled.starts_with('/'))
      candidates.push_back(spelled);
    else {
      if (!d.file.empty() && d.file != main_file)
        candidates.push_back(std::filesystem::path(d.file).parent_path() / spelled);
      for (const std::string& root : request_.include_roots)
        candidates.push_back(std::filesystem::path(root) / spelled);
    }
    for (const std::filesystem::path& c : candidates)
      if (std::optional<std::string> real = outside(c.lexically_normal().string()))
        return reason(*real, false);
    return std::nullopt;
  }

private:
  const ReadRequest& request_;
  std::vector<std::string> roots_;
};

// One round: parse `headers`; when clang reports errors, leave out each header an error is in
// (through what it includes) and record why in `dump.failed`. Returns true when the parse was
// clean (`unit` holds it).
bool parse_round(const Parser& parser, const ReadRequest& request,
                 std::vector<std::string>& headers, Unit& unit, Dump& dump) {
  unit = parser.parse(source_of(headers));
  std::vector<Diagnostic> errors = errors_of(unit.get());
  Attribution attribution;
  clang_getInclusions(unit.get(), record_inclusion, &attribution);
  // A file from outside the sysroot (read where Landlock is missing): its header is left out
  // before anything else is said about it, so no message quotes that file.
  Confines confines(request);
  std::map<std::size_t, std::string> outside;
  for (const auto& [file, index] : attribution.top_level)
    if (std::optional<std::string> real = confines.outside(file))
      outside.emplace(index, *real);
  if (errors.empty() && outside.empty())
    return true;
  std::set<std::size_t> bad;
  for (const auto& [index, file] : outside)
    if (index < headers.size() && bad.insert(index).second)
      dump.failed.push_back({headers[index], Confines::reason(file, true)});
  // The header whose #include brought the erring file in first; and the erring file itself when
  // it is one of the headers (its own #include found it already included, so it would fail only
  // in the next round).
  std::map<std::string, std::size_t> by_path;
  for (const std::string& root : request.include_roots)
    for (std::size_t i = 0; i < headers.size(); ++i)
      by_path.emplace(root + "/" + headers[i], i);
  auto blame = [&](std::size_t index, const Diagnostic& d) {
    if (index < headers.size() && bad.insert(index).second)
      dump.failed.push_back({headers[index], confines.refused_include(d).value_or(d.message)});
  };
  for (const Diagnostic& d : errors) {
    if (d.file == main_file && d.line > 0) {
      blame(d.line - 1, d); // the #include line itself: the header is missing
      continue;
    }
    if (auto it = attribution.top_level.find(d.file); it != attribution.top_level.end())
      blame(it->second, d);
    if (auto it = by_path.find(d.file); it != by_path.end())
      blame(it->second, d);
  }
  if (bad.empty()) // errors no header accounts for
    throw std::runtime_error(fmt::format("the headers do not compile for {} with sysroot '{}': {}",
                                         request.target, request.sysroot, errors.front().message));
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < headers.size(); ++i)
    if (!bad.contains(i))
      kept.push_back(headers[i]);
  headers = std::move(kept);
  return false;
}

// The object-like macros the headers define, in order, once each.
std::vector<std::string> macro_names(CXTranslationUnit unit) {
  struct Walk {
    std::vector<std::string> names;
    std::set<std::string> seen;
  } walk;
  clang_visitChildren(
      clang_getTranslationUnitCursor(unit),
      [](CXCursor c, CXCursor, CXClientData data) {
        auto* w = static_cast<Walk*>(data);
        if (clang_getCursorKind(c) != CXCursor_MacroDefinition ||
            clang_Cursor_isMacroFunctionLike(c) || clang_Cursor_isMacroBuiltin(c))
          return CXChildVisit_Continue;
        std::string file = location_of(clang_getCursorLocation(c)).file;
        if (file.empty() || file == main_file)
          return CXChildVisit_Continue;
        std::string name = text(clang_getCursorSpelling(c));
        if (w->seen.insert(name).second)
          w->names.push_back(std::move(name));
        return CXChildVisit_Continue;
      },
      &walk);
  return std::move(walk.names);
}

// Past this many tokens, an object-like macro is not evaluated and its header is left out:
// clang would expand it whole, and `#define A1 (A0+A0)` ... `#define A40 (A39+A39)` is 2^40
// tokens (the largest macros of real C libraries are a few hundred).
constexpr uint64_t max_macro_tokens = uint64_t{1} << 20;

// Past this many macros nested in one expansion, a macro is not evaluated either: the estimate
// below recurses, and no real header nests more than a few dozen.
constexpr int max_macro_depth = 1000;

struct MacroBomb {
  std::string name;
  Location where;
  bool too_deep = false; // else: its expansion passes max_macro_tokens
};

struct MacroToken {
  std::string identifier; // "" for any other token
  char punct = 0;         // '(', ')' or ','; 0 otherwise
};

struct MacroDefinition {
  std::vector<MacroToken> body;
  std::vector<std::string> params; // a function-like macro's, "__VA_ARGS__" for "..."
  bool function_like = false;
  bool variadic = false;
  Location where;
};

// How many tokens a macro expands to, as an affine function of its arguments' sizes:
// [constant, per parameter]. `#define F1(x) F0(x)+F0(x)` is [1, 2]; an object-like macro has the
// constant alone. Sums and products saturate past max_macro_tokens.
using MacroSize = std::vector<uint64_t>;

class MacroEstimate {
public:
  explicit MacroEstimate(const std::map<std::string, MacroDefinition>& definitions)
      : definitions_(definitions) {}

  // The object-like macro `name`'s expansion in tokens; nullopt when it nests too deep to tell.
  std::optional<uint64_t> object_size(const std::string& name) {
    aborted_ = false;
    MacroSize size = of(name, definitions_.at(name));
    if (aborted_)
      return std::nullopt;
    return size[0];
  }

private:
  static uint64_t add(uint64_t a, uint64_t b) { return std::min(a + b, max_macro_tokens + 1); }
  static uint64_t times(uint64_t a, uint64_t b) {
    if (a == 0 || b == 0)
      return 0;
    return a > (max_macro_tokens + 1) / b ? max_macro_tokens + 1 : a * b;
  }

  // A macro's size, once per macro. A macro in its own expansion counts as one token (the
  // preprocessor stops there). Once the nesting passes max_macro_depth, every macro on the way is
  // marked too deep, so a long chain costs one walk, not one per macro on it.
  MacroSize of(const std::string& name, const MacroDefinition& d) {
    if (auto known = sizes_.find(name); known != sizes_.end())
      return known->second;
    if (deep_.contains(name)) {
      too_deep();
      return MacroSize(d.params.size() + 1, 1);
    }
    active_.insert(name);
    MacroSize size = expand(d.body, 0, d.body.size(), &d);
    active_.erase(name);
    if (!aborted_)
      sizes_.emplace(name, size);
    return size;
  }

  void too_deep() {
    aborted_ = true;
    deep_.insert(active_.begin(), active_.end());
  }

  // The tokens [begin, end) of a body (or of an argument in it). Each call is one level of
  // nesting, for a macro used or an argument read, so neither a chain of macros nor a body of
  // calls within calls takes more stack than max_macro_depth frames.
  MacroSize expand(const std::vector<MacroToken>& t, std::size_t begin, std::size_t end,
                   const MacroDefinition* within) {
    MacroSize out(within ? within->params.size() + 1 : 1, 0);
    if (depth_ >= max_macro_depth) {
      too_deep();
      return out;
    }
    ++depth_;
    for (std::size_t i = begin; i < end && !aborted_;) {
      const std::string& word = t[i].identifier;
      if (within && !word.empty()) {
        auto p = std::find(within->params.begin(), within->params.end(), word);
        if (p != within->params.end()) {
          std::size_t k = 1 + (p - within->params.begin());
          out[k] = add(out[k], 1);
          ++i;
          continue;
        }
      }
      auto used = word.empty() ? definitions_.end() : definitions_.find(word);
      if (used == definitions_.end() || active_.contains(word)) {
        out[0] = add(out[0], 1);
        ++i;
        continue;
      }
      if (!used->second.function_like) {
        out[0] = add(out[0], of(word, used->second)[0]);
        ++i;
        continue;
      }
      // A function-like macro expands only when a '(' follows; its arguments end at the ')'
      // that closes it, split at the commas outside inner parentheses.
      std::vector<std::pair<std::size_t, std::size_t>> args;
      std::size_t j = i + 2, from = i + 2;
      int level = 0;
      if (i + 1 < end && t[i + 1].punct == '(')
        for (; j < end; ++j) {
          char c = t[j].punct;
          if (c == '(') {
            ++level;
          } else if (c == ')' && level-- == 0) {
            args.emplace_back(from, j);
            break;
          } else if (c == ',' && level == 0) {
            args.emplace_back(from, j);
            from = j + 1;
          }
        }
      if (args.empty()) { // no call here (or one closed outside this text): a name
        out[0] = add(out[0], 1);
        ++i;
        continue;
      }
      const MacroDefinition& callee = used->second;
      MacroSize f = of(word, callee);
      out[0] = add(out[0], f[0]);
      for (std::size_t a = 0; a < args.size() && !callee.params.empty(); ++a) {
        std::size_t k = std::min(a, callee.params.size() - 1);
        if (a != k && !callee.variadic)
          break;
        MacroSize arg = expand(t, args[a].first, args[a].second, within);
        for (std::size_t m = 0; m < out.size(); ++m)
          out[m] = add(out[m], times(f[k + 1], arg[m]));
      }
      i = j + 1;
    }
    --depth_;
    return out;
  }

  const std::map<std::string, MacroDefinition>& definitions_;
  std::map<std::string, MacroSize> sizes_;
  std::set<std::string> active_, deep_;
  int depth_ = 0;
  bool aborted_ = false;
};

// The object-like macros whose expansion would pass max_macro_tokens (or nest past
// max_macro_depth), estimated from the definitions' tokens without expanding anything: each use
// of another macro counts as that macro's expansion, a function-like one's with its arguments'
// sizes times their uses (`#define F1(x) F0(x)+F0(x)` ... `#define BOOM F40(1)` doubles too).
std::vector<MacroBomb> macro_bombs(CXTranslationUnit unit) {
  struct Walk {
    CXTranslationUnit unit;
    std::map<std::string, MacroDefinition> definitions; // the last definition of each name
  } walk{unit, {}};
  clang_visitChildren(
      clang_getTranslationUnitCursor(unit),
      [](CXCursor c, CXCursor, CXClientData data) {
        auto* w = static_cast<Walk*>(data);
        if (clang_getCursorKind(c) != CXCursor_MacroDefinition || clang_Cursor_isMacroBuiltin(c))
          return CXChildVisit_Continue;
        MacroDefinition d;
        d.where = location_of(clang_getCursorLocation(c));
        if (d.where.file.empty() || d.where.file == main_file)
          return CXChildVisit_Continue;
        d.function_like = clang_Cursor_isMacroFunctionLike(c);
        CXToken* tokens = nullptr;
        unsigned count = 0;
        clang_tokenize(w->unit, clang_getCursorExtent(c), &tokens, &count);
        unsigned i = 1; // tokens[0] is the name
        if (d.function_like && i < count) {
          std::string previous = "(";
          for (++i; i < count; ++i) { // past the '(': the parameters up to ')'
            std::string word = text(clang_getTokenSpelling(w->unit, tokens[i]));
            if (word == ")") {
              ++i;
              break;
            }
            if (word == "...") {
              d.variadic = true; // `...` alone is __VA_ARGS__; `args...` names it
              if (previous == "(" || previous == ",")
                d.params.push_back("__VA_ARGS__");
            } else if (word != ",") {
              d.params.push_back(word);
            }
            previous = std::move(word);
          }
        }
        for (; i < count; ++i) {
          MacroToken token;
          CXTokenKind kind = clang_getTokenKind(tokens[i]);
          if (kind == CXToken_Identifier || kind == CXToken_Keyword) {
            token.identifier = text(clang_getTokenSpelling(w->unit, tokens[i]));
          } else if (kind == CXToken_Punctuation) {
            std::string p = text(clang_getTokenSpelling(w->unit, tokens[i]));
            if (p == "(" || p == ")" || p == ",")
              token.punct = p[0];
          }
          d.body.push_back(std::move(token));
        }
        clang_disposeTokens(w->unit, tokens, count);
        w->definitions.insert_or_assign(text(clang_getCursorSpelling(c)), std::move(d));
        return CXChildVisit_Continue;
      },
      &walk);
  MacroEstimate estimate(walk.definitions);
  std::vector<MacroBomb> bombs;
  for (const auto& [name, definition] : walk.definitions) {
    if (definition.function_like)
      continue;
    std::optional<uint64_t> size = estimate.object_size(name);
    if (!size || *size > max_macro_tokens)
      bombs.push_back({name, definition.where, !size});
  }
  std::sort(bombs.begin(), bombs.end(), [](const MacroBomb& a, const MacroBomb& b) {
    return std::tie(a.where.file, a.where.line) < std::tie(b.where.file, b.where.line);
  });
  return bombs;
}

void record_file(CXFile included, CXSourceLocation*, unsigned, void* data) {
  static_cast<std::set<std::string>*>(data)->insert(file_name(included));
}

} // namespace

Dump read_headers(const ReadRequest& request) {
  Dump dump;
  dump.target = request.target;
  dump.sysroot = request.sysroot;
  std::vector<std::string> headers = request.headers;
  Parser parser(request);

  // The first round parses every header; the macros it saw are evaluated (the slowest parse) on
  // a second thread while this one parses again without the headers that failed, until clean.
  Unit unit;
  const std::vector<std::string> first_round = headers;
  bool clean = parse_round(parser, request, headers, unit, dump);
  std::vector<std::string> macros = macro_names(unit.get());
  // A macro that would expand past max_macro_tokens is not evaluated, and the header that
  // brought it in is left out (the layouts of a header that defines such a thing are no
  // interface to rely on).
  std::vector<MacroBomb> bombs = macro_bombs(unit.get());
  if (!bombs.empty()) {
    Attribution attribution;
    clang_getInclusions(unit.get(), record_inclusion, &attribution);
    std::set<std::string> names, left_out;
    for (const MacroBomb& b : bombs) {
      names.insert(b.name);
      auto top = attribution.top_level.find(b.where.file);
      if (top == attribution.top_level.end() || top->second >= first_round.size())
        continue;
      const std::string& header = first_round[top->second];
      auto kept = std::find(headers.begin(), headers.end(), header);
      if (kept == headers.end() || !left_out.insert(header).second)
        continue;
      headers.erase(kept);
      std::string place = b.where.file;
      for (const std::string& root : request.include_roots)
        if (place.starts_with(root + "/"))
          place = place.substr(root.size() + 1);
      std::string what =
          b.too_deep
              ? fmt::format("nests more than {} macros deep", max_macro_depth)
              : fmt::format("passes {} tokens (one that doubles at each step?)", max_macro_tokens);
      dump.failed.push_back({header, fmt::format("{}:{}: defines {}, a macro whose expansion {}; "
                                                 "evaluating it would take unbounded memory and "
                                                 "time",
                                                 place, b.where.line, b.name, what)});
      clean = false;
    }
    std::erase_if(macros, [&](const std::string& m) { return names.contains(m); });
  }
  Dump macro_values;
  std::exception_ptr macro_failure;
  std::thread evaluator;
  if (!headers.empty())
    evaluator = std::thread([&, first_headers = headers] {
      try {
        Parser own(request); // a libclang index per thread
        evaluate_macros(own, first_headers, macros, macro_values);
      } catch (...) {
        macro_failure = std::current_exception();
      }
    });
  try {
    for (int round = 1; !clean && !headers.empty(); ++round) {
      if (round == max_rounds)
        throw std::runtime_error(fmt::format("the headers of {} in '{}' still fail after {} rounds "
                                             "of leaving out those that do not compile",
                                             request.target, request.sysroot, max_rounds));
      clean = parse_round(parser, request, headers, unit, dump);
    }
  } catch (...) {
    if (evaluator.joinable())
      evaluator.join();
    throw;
  }
  dump.headers = headers;
  std::set<std::string> files; // what the final headers include
  if (!headers.empty()) {
    Collector collector(dump, request.include_roots);
    collector.visit_unit(unit.get());
    clang_getInclusions(unit.get(), record_file, &files);
  }
  unit.reset();
  if (evaluator.joinable())
    evaluator.join();
  if (macro_failure)
    std::rethrow_exception(macro_failure);
  // Macros of headers left out in later rounds are not the target's interface.
  for (auto& [name, k] : macro_values.constants)
    if (files.contains(k.place.file))
      dump.constants.insert_or_assign(name, k);
  // Places of macros, relative to the include folder like the rest.
  for (auto& [name, k] : dump.constants)
    for (const std::string& root : request.include_roots)
      if (k.place.file.starts_with(root + "/"))
        k.place.file = k.place.file.substr(root.size() + 1);
  return dump;
}

} // namespace xport::abi
