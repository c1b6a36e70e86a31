# Every build option of zlink, each with a one-line description. ZLINK_ALLOCATOR is shared with
# the zlink-bench top level (which may already have defined it).
if(NOT DEFINED CACHE{ZLINK_ALLOCATOR})
  set(ZLINK_ALLOCATOR "std" CACHE STRING "Allocator of zlink's message hot path: std or mimalloc")
  set_property(CACHE ZLINK_ALLOCATOR PROPERTY STRINGS std mimalloc)
endif()
if(NOT ZLINK_ALLOCATOR MATCHES "^(std|mimalloc)$")
  message(FATAL_ERROR "ZLINK_ALLOCATOR must be std or mimalloc, not '${ZLINK_ALLOCATOR}'")
endif()
option(ZLINK_BUILD_TESTS "Build zlink's GoogleTest suite (registered with ctest as zlink.*)" ON)
option(ZLINK_INSTALL "Install zlink's library, header, CMake package and pkg-config file" ON)
