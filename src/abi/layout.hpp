// What `xport abi` knows of a target's C interface, as clang compiles its headers for it: record
// layouts, enums, typedefs, integer constants (from macros and enumerators) and function
// prototypes, each with the header and line it comes from. Read from the sysroot's headers with
// libclang (abi/dump.hpp); compared across targets (abi/diff.hpp) and with a Rust crate
// (abi/rust_check.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace xport::abi {

struct Place {
  std::string file; // relative to the sysroot's include folder when it is under it
  unsigned line = 0;
};

struct Field {
  std::string name; // "" for an anonymous struct or union member; nested members follow as "a.b"
  uint64_t offset_bits = 0;
  uint64_t size_bits = 0;
  std::string type;      // as written, e.g. "ino_t"
  std::string canonical; // after typedefs, e.g. "unsigned long"
  bool bitfield = false;
};

struct Record {
  std::string name; // "stat" for struct stat; a typedef's name for an anonymous one
  bool is_union = false;
  uint64_t size = 0;  // bytes
  uint64_t align = 0; // bytes
  std::vector<Field> fields;
  Place place;
};

struct Constant {
  std::string name;
  int64_t value = 0;
  bool is_unsigned = false; // value holds the bits of an unsigned value past INT64_MAX
  bool from_macro = true;   // else an enumerator
  Place place;
};

struct Typedef {
  std::string name;
  std::string type;      // as written
  std::string canonical; // after every typedef
  uint64_t size = 0;     // 0 when incomplete (a function type, an opaque struct)
  Place place;
};

struct Enum {
  std::string name; // "" inside typedef'd anonymous enums gets the typedef's name
  std::vector<std::pair<std::string, int64_t>> values;
  Place place;
};

struct Function {
  std::string name;
  std::string signature; // "int (int, const char *, ...)"
  Place place;
};

struct FailedHeader {
  std::string header; // as given, e.g. "sys/event.h"
  std::string error;  // clang's first error, with its place
};

struct Dump {
  std::string target;                    // the profile's name
  std::string sysroot;                   // the folder the headers came from
  std::vector<std::string> headers;      // compiled
  std::vector<FailedHeader> failed;      // did not compile for the target
  std::map<std::string, Record> records; // by name; unions and structs share the space
  std::map<std::string, Constant> constants;
  std::map<std::string, Typedef> typedefs;
  std::map<std::string, Enum> enums;
  std::map<std::string, Function> functions;
};

} // namespace xport::abi
