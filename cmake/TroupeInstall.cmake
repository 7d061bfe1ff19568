# `cmake --install BUILD --prefix DIR` gives DIR/bin/troupe, DIR/lib/libtroupe.so,
# the public agent API in DIR/include/troupe, the shipped pricing table in
# DIR/share/troupe and a package config for find_package(Troupe).
include(CMakePackageConfigHelpers)

install(TARGETS troupe troupe_library
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/troupe DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES scenarios/pricing.json DESTINATION ${CMAKE_INSTALL_DATADIR}/troupe)

set(TROUPE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Troupe)
configure_package_config_file(cmake/TroupeConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/TroupeConfig.cmake
  INSTALL_DESTINATION ${TROUPE_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_LIBDIR)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/TroupeConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/TroupeConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/TroupeConfigVersion.cmake
              cmake/TroupePlugin.cmake
        DESTINATION ${TROUPE_CMAKE_DIR})
