# One worker executable per variant build. The pattern code is compiled once per API (backend),
# so a message never goes through a virtual call; allocator variants reuse a backend's worker.
# ZBENCH_WORKER_TARGETS lists them for the CLI target's dependencies.
set(ZBENCH_WORKER_TARGETS "")

function(zbench_add_worker name backend_define)
  add_executable(${name} src/worker/worker_main.cpp src/worker/worker_config.cpp
                         src/worker/allocator_probe.cpp)
  target_link_libraries(${name} PRIVATE zbench_model Threads::Threads ${ARGN})
  target_compile_definitions(${name} PRIVATE ${backend_define})
  if(ZBENCH_FAULT_INJECTION)
    target_compile_definitions(${name} PRIVATE ZBENCH_FAULT_INJECTION=1)
  endif()
  target_link_libraries(${name} PRIVATE ${CMAKE_DL_LIBS})
  zbench_warnings(${name})
  set(ZBENCH_WORKER_TARGETS ${ZBENCH_WORKER_TARGETS} ${name} PARENT_SCOPE)
endfunction()

zbench_add_worker(zbench-worker-libzmq ZBENCH_BACKEND_LIBZMQ=1 cppzmq)

# raw: no messaging library, the transports themselves (the ceiling the others are read against).
zbench_add_worker(zbench-worker-raw ZBENCH_BACKEND_RAW=1 zbench_raw)

# zlink's two allocator builds, from the in-tree library (zlink/).
if(TARGET zlink::zlink)
  zbench_add_worker(zbench-worker-zlink ZBENCH_BACKEND_ZLINK=1 zlink::zlink)
endif()
if(TARGET zlink::zlink_mimalloc)
  zbench_add_worker(zbench-worker-zlink-mimalloc ZBENCH_BACKEND_ZLINK=1 zlink::zlink_mimalloc)
endif()

# zlink-ext: an installed zlink, built as a separate project (see ext_worker/CMakeLists.txt).
if(ZBENCH_ZLINK_PREFIX)
  include(ExternalProject)
  ExternalProject_Add(zbench-worker-zlink-ext
    SOURCE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/ext_worker
    BINARY_DIR ${CMAKE_CURRENT_BINARY_DIR}/ext_worker
    CMAKE_ARGS -DZBENCH_ZLINK_PREFIX=${ZBENCH_ZLINK_PREFIX}
               -DZBENCH_OUTPUT_DIR=${CMAKE_CURRENT_BINARY_DIR}
               -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
               -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
               -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}
    BUILD_ALWAYS ON
    INSTALL_COMMAND "")
  list(APPEND ZBENCH_WORKER_TARGETS zbench-worker-zlink-ext)
endif()
