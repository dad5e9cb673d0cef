// xport-abi-reader: reads a ReadRequest (JSON) on standard input, parses the headers with
// libclang and writes the Dump (JSON) on standard output. Run by xport-full for `xport abi`
// (read_headers.hpp says why it is a program of its own). Exit 1 with the reason on standard
// error when the headers cannot be read.
#include <exception>
#include <iostream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "abi/layout_json.hpp"
#include "abi_reader/confinement.hpp"
#include "abi_reader/read_headers.hpp"

int main() {
  using nlohmann::json;
  try {
    std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    json j = json::parse(input);
    xport::abi::ReadRequest request;
    j.at("target").get_to(request.target);
    j.at("sysroot").get_to(request.sysroot);
    j.at("compiler").get_to(request.compiler);
    j.at("flags").get_to(request.flags);
    j.at("headers").get_to(request.headers);
    j.at("include_roots").get_to(request.include_roots);
    // Bounded and confined before libclang reads anything (confinement.hpp).
    xport::abi::limit_resources();
    request.readable_roots =
        xport::abi::readable_roots(request.sysroot, request.compiler, request.flags);
    request.confinement = xport::abi::restrict_reading_to(request.readable_roots);
    xport::abi::Dump dump = xport::abi::read_headers(request);
    std::cout << xport::abi::layout_to_json(dump).dump(-1, ' ', false,
                                                       json::error_handler_t::replace)
              << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
