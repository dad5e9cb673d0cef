// How each enum of the profile model is spelled in profile files and output: one constexpr table
// per enum, which feeds parsing (profile_fields.cpp), printing (to_string) and the schema's list of
// accepted values (schema.cpp), so a spelling cannot be accepted by one and unknown to another.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "target/profile.hpp"

namespace xport::target {

template <typename Enum> struct Spelling {
  Enum value;
  std::string_view name;
};

inline constexpr Spelling<Endian> endian_names[] = {{Endian::little, "little"},
                                                    {Endian::big, "big"}};
inline constexpr Spelling<TlsModel> tls_names[] = {{TlsModel::native, "native"},
                                                   {TlsModel::emulated, "emulated"}};
inline constexpr Spelling<RuntimeLibrary> runtime_names[] = {
    {RuntimeLibrary::libgcc, "libgcc"}, {RuntimeLibrary::compiler_rt, "compiler-rt"}};
inline constexpr Spelling<CxxStdlib> cxx_names[] = {
    {CxxStdlib::libstdcxx, "libstdc++"}, {CxxStdlib::libcxx, "libc++"}, {CxxStdlib::none, "none"}};
inline constexpr Spelling<LinkMode> link_mode_names[] = {{LinkMode::dynamic, "dynamic"},
                                                         {LinkMode::pie, "pie"},
                                                         {LinkMode::static_, "static"},
                                                         {LinkMode::static_pie, "static-pie"},
                                                         {LinkMode::shared, "shared"}};
inline constexpr Spelling<ThreadPointer> thread_pointer_names[] = {
    {ThreadPointer::none, "none"},
    {ThreadPointer::fs, "fs"},
    {ThreadPointer::gs, "gs"},
    {ThreadPointer::tpidr_el0, "tpidr_el0"},
    {ThreadPointer::tpidruro, "tpidruro"},
    {ThreadPointer::tp, "tp"},
    {ThreadPointer::a0, "a0"},
    {ThreadPointer::r13, "r13"}};
inline constexpr Spelling<NoteVersionEncoding> encoding_names[] = {
    {NoteVersionEncoding::none, "none"},       {NoteVersionEncoding::gnu, "gnu"},
    {NoteVersionEncoding::freebsd, "freebsd"}, {NoteVersionEncoding::dragonfly, "dragonfly"},
    {NoteVersionEncoding::netbsd, "netbsd"},   {NoteVersionEncoding::openbsd, "openbsd"}};

// The spellings alone, in table order: the values the schema accepts.
template <typename Enum, std::size_t N>
constexpr std::array<std::string_view, N> spellings_of(const Spelling<Enum> (&table)[N]) {
  std::array<std::string_view, N> out{};
  for (std::size_t i = 0; i < N; ++i)
    out[i] = table[i].name;
  return out;
}

template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const Spelling<Enum> (&table)[N], Enum value) {
  for (const auto& entry : table)
    if (entry.value == value)
      return entry.name;
  return "?";
}

} // namespace xport::target
