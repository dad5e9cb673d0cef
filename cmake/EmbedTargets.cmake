# Compiles the built-in target catalog (targets/*.toml) into the binary as string literals, so an
# installed xport needs no data files next to it. Sets XPORT_CATALOG_CPP.
file(GLOB XPORT_TARGET_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/targets/*.toml)
set(XPORT_CATALOG_CPP ${CMAKE_CURRENT_BINARY_DIR}/generated/builtin_catalog.cpp)
# The list goes through a shell: separate it with '|' rather than ';' (WriteCatalog.cmake splits it).
string(REPLACE ";" "|" XPORT_TARGET_FILES_ARG "${XPORT_TARGET_FILES}")
add_custom_command(
  OUTPUT ${XPORT_CATALOG_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${XPORT_CATALOG_CPP} "-DFILES=${XPORT_TARGET_FILES_ARG}"
          -P ${PROJECT_SOURCE_DIR}/cmake/WriteCatalog.cmake
  DEPENDS ${XPORT_TARGET_FILES} ${PROJECT_SOURCE_DIR}/cmake/WriteCatalog.cmake
  COMMENT "Embedding the target catalog"
  VERBATIM)
