# What `cmake --install` (and so scripts/package.sh's Debian package) puts beside the binaries,
# which src/CMakeLists.txt installs: the manual page, generated from the command table by running
# the built front (scripts/manpage.py), shell completions, the documentation and the target
# profiles (compiled in; installed for reading and for user profiles to inherit from).
include(GNUInstallDirs)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(XPORT_MANPAGE ${PROJECT_BINARY_DIR}/share/man/man1/xport.1.gz)
add_custom_command(
  OUTPUT ${XPORT_MANPAGE}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/share/man/man1
  COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/scripts/manpage.py $<TARGET_FILE:xport_main>
          ${XPORT_MANPAGE}
  DEPENDS xport_main xport_full ${PROJECT_SOURCE_DIR}/scripts/manpage.py
  COMMENT "Writing xport(1) from the command table"
  VERBATIM)
add_custom_target(xport_manpage ALL DEPENDS ${XPORT_MANPAGE})

install(FILES ${XPORT_MANPAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/share/completions/xport.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME xport)
install(FILES ${PROJECT_SOURCE_DIR}/share/completions/_xport
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/ARCHITECTURE.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/targets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/xport/targets)
