# Installation: <prefix>/include/zlink.h, <prefix>/lib/libzlink.so, the CMake package
# (find_package(zlink) -> zlink::zlink) and zlink.pc for pkg-config.
if(NOT ZLINK_INSTALL)
  return()
endif()
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS zlink EXPORT zlinkTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${ZLINK_ROOT}/include/zlink.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT zlinkTargets NAMESPACE zlink:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/zlink)

configure_package_config_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/zlinkConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/zlinkConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/zlink)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/zlinkConfigVersion.cmake
  VERSION ${ZLINK_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/zlinkConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/zlinkConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/zlink)

# From <prefix>/<libdir>/pkgconfig back up to <prefix>.
file(RELATIVE_PATH ZLINK_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" ZLINK_PC_TO_PREFIX "${ZLINK_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/zlink.pc.in
               ${CMAKE_CURRENT_BINARY_DIR}/zlink.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/zlink.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
