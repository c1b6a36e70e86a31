# Installs the built zlink into a fresh prefix, then configures, builds and runs a consumer
# against it with find_package(zlink), and checks the pkg-config file.
# Usage: cmake -DBUILD_DIR=<zlink build dir> -DSOURCE_DIR=<tests dir> -DWORK_DIR=<scratch>
#              -DGENERATOR=<generator> -P install_check.cmake
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "install failed: ${rc}")
endif()
foreach(f include/zlink.h lib/libzlink.so lib/cmake/zlink/zlinkConfig.cmake lib/pkgconfig/zlink.pc)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "missing after install: ${f}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/install_consumer -B ${WORK_DIR}/build
                        -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${prefix} RESULT_VARIABLE rc)
if(NOT rc)
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build RESULT_VARIABLE rc)
endif()
if(rc)
  message(FATAL_ERROR "consumer did not configure/build against the installed package")
endif()
execute_process(COMMAND ${WORK_DIR}/build/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(rc)
  message(FATAL_ERROR "consumer failed: ${rc} ${out}")
endif()
file(READ ${prefix}/lib/pkgconfig/zlink.pc pc)
if(NOT pc MATCHES "-lzlink")
  message(FATAL_ERROR "zlink.pc does not link -lzlink")
endif()
message(STATUS "installed zlink works: ${out}")
