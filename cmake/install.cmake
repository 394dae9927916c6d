# Install rules: `cmake --install BUILD --prefix PREFIX` puts
#   PREFIX/bin/rubric                                  the program
#   PREFIX/lib/librubric_*.a                           one static library per stage
#   PREFIX/include/rubric/*.hpp                        the public headers (#include <rubric/rubric.hpp>)
#   PREFIX/include/rubric/detail/{base,dsl,…}/*.hpp    the stages' headers the public ones include
#   PREFIX/lib/cmake/rubric/rubricConfig.cmake         find_package(rubric): rubric::rubric
#   PREFIX/lib/pkgconfig/rubric.pc                     pkg-config --cflags --libs rubric
#   PREFIX/share/rubric/schema/*.json                  the JSON Schemas of docs/schema/
# A consumer includes only <rubric/…>; the detail folder is on its include path so that the
# public headers compile without the source tree. tests/consumer/ is such a consumer, built by CI.
include(CMakePackageConfigHelpers)

set(RUBRIC_STAGES rubric_base rubric_dsl rubric_stdlib rubric_check rubric_eval rubric_batch rubric_tools rubric_report)
install(TARGETS ${RUBRIC_STAGES} rubric rubric_warnings EXPORT rubricTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS rubric_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# server.hpp and studio.hpp are the program's own stages (rubric serve, rubric lsp), not installed.
install(DIRECTORY include/rubric DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp"
        PATTERN "server.hpp" EXCLUDE PATTERN "studio.hpp" EXCLUDE)
foreach(folder base dsl stdlib interpreter report)
  install(DIRECTORY ${folder} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rubric/detail FILES_MATCHING PATTERN "*.hpp"
          PATTERN "*.def")
endforeach()
install(DIRECTORY docs/schema/ DESTINATION ${CMAKE_INSTALL_DATADIR}/rubric/schema FILES_MATCHING PATTERN "*.json")

set(RUBRIC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/rubric)
install(EXPORT rubricTargets NAMESPACE rubric:: DESTINATION ${RUBRIC_CMAKE_DIR})
configure_package_config_file(cmake/rubricConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/rubricConfig.cmake
                              INSTALL_DESTINATION ${RUBRIC_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/rubricConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/rubricConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/rubricConfigVersion.cmake
        DESTINATION ${RUBRIC_CMAKE_DIR})

# pkg-config: the stages in link order, then what they need.
set(RUBRIC_PC_LIBS "")
foreach(stage rubric_report rubric_tools rubric_batch rubric_eval rubric_check rubric_stdlib rubric_dsl rubric_base)
  string(APPEND RUBRIC_PC_LIBS " -l${stage}")
endforeach()
# The prefix as seen from the .pc file's folder (../.. for lib/pkgconfig, ../../.. for
# lib/x86_64-linux-gnu/pkgconfig), so that the package works wherever it is installed.
file(RELATIVE_PATH RUBRIC_PC_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(cmake/rubric.pc.in ${CMAKE_CURRENT_BINARY_DIR}/rubric.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/rubric.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
