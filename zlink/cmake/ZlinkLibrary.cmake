# zlink_add_library(<target> <allocator>): the zlink shared library compiled with the given
# hot-path allocator (std or mimalloc). Every source is compiled per variant because the
# allocator is selected inline (src/core/allocator.hpp) for speed.
file(GLOB_RECURSE ZLINK_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)

function(zlink_compile_setup target allocator)
  target_include_directories(${target}
    PUBLIC $<BUILD_INTERFACE:${ZLINK_ROOT}/include> $<INSTALL_INTERFACE:include>
    PRIVATE ${ZLINK_ROOT}/src)
  # Standalone ASIO without the deprecated interfaces; the library owns its threads.
  target_compile_definitions(${target} PRIVATE ASIO_STANDALONE ASIO_NO_DEPRECATED
                                               ZLINK_BUILDING_LIBRARY)
  target_link_libraries(${target} PRIVATE Threads::Threads)
  if(allocator STREQUAL "mimalloc")
    if(NOT TARGET mimalloc AND NOT TARGET mimalloc-static)
      message(FATAL_ERROR "zlink: ZLINK_ALLOCATOR=mimalloc needs libmimalloc-dev")
    endif()
    target_compile_definitions(${target} PRIVATE ZLINK_ALLOCATOR_MIMALLOC)
    target_link_libraries(${target} PRIVATE $<IF:$<TARGET_EXISTS:mimalloc>,mimalloc,mimalloc-static>)
  endif()
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  set_target_properties(${target} PROPERTIES CXX_VISIBILITY_PRESET hidden
                                             VISIBILITY_INLINES_HIDDEN ON
                                             POSITION_INDEPENDENT_CODE ON)
endfunction()

function(zlink_add_library target allocator)
  # The objects are shared by the shared library and by the static archive the tests link,
  # which needs the internal (hidden) symbols.
  add_library(${target}_objects OBJECT ${ZLINK_SOURCES})
  zlink_compile_setup(${target}_objects ${allocator})
  add_library(${target} SHARED $<TARGET_OBJECTS:${target}_objects>)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${ZLINK_ROOT}/include> $<INSTALL_INTERFACE:include>)
  target_link_libraries(${target} PRIVATE Threads::Threads)
  if(allocator STREQUAL "mimalloc")
    target_link_libraries(${target} PRIVATE $<IF:$<TARGET_EXISTS:mimalloc>,mimalloc,mimalloc-static>)
  endif()
  set_target_properties(${target} PROPERTIES VERSION ${ZLINK_VERSION} SOVERSION 1
                                             EXPORT_NAME ${target}
                                             LINK_DEPENDS ${ZLINK_ROOT}/cmake/zlink.map)
  target_link_options(${target} PRIVATE -Wl,--version-script=${ZLINK_ROOT}/cmake/zlink.map)
  add_library(${target}_internal STATIC EXCLUDE_FROM_ALL $<TARGET_OBJECTS:${target}_objects>)
  target_include_directories(${target}_internal PUBLIC
    ${ZLINK_ROOT}/include ${ZLINK_ROOT}/src)
  target_compile_definitions(${target}_internal INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED)
  target_link_libraries(${target}_internal PUBLIC Threads::Threads)
  if(allocator STREQUAL "mimalloc")
    target_compile_definitions(${target}_internal INTERFACE ZLINK_ALLOCATOR_MIMALLOC)
    target_link_libraries(${target}_internal PUBLIC $<IF:$<TARGET_EXISTS:mimalloc>,mimalloc,mimalloc-static>)
  endif()
endfunction()
