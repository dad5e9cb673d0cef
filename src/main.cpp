// xport's entry point: everything lives in libxport; this only hands argv to the command layer.
#include "cli/command.hpp"

int main(int argc, char** argv) { return xport::cli::main(argc, argv); }
