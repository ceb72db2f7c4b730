# Helpers shared by every layer: one library per engine part, one test executable per tst_*.cpp.

# tutti_add_layer_library(NAME DIR [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# Compiles every .cpp under DIR (new files are picked up at the next build).
function(tutti_add_layer_library name dir)
  cmake_parse_arguments(ARG "" "" "PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${dir}/*.cpp ${dir}/*.h)
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${TUTTI_SOURCE_ROOT})
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# tutti_add_test(FILE LIBS...): one Qt Test executable per file, registered with CTest.
# Labels: the folder name (engine, mocks, editor, integration, app) plus any listed on a
# line "// LABELS: a b" in the file; "slow" tests are excluded by `ctest -LE slow`.
function(tutti_add_test file)
  get_filename_component(test_name ${file} NAME_WE)
  get_filename_component(test_dir ${file} DIRECTORY)
  get_filename_component(layer ${test_dir} NAME)
  add_executable(${test_name} ${file})
  target_link_libraries(${test_name} PRIVATE Qt6::Test ${ARGN})
  target_compile_definitions(${test_name} PRIVATE
    TUTTI_TEST_DATA="${TUTTI_SOURCE_ROOT}/tests/data"
    TUTTI_EXAMPLES="${TUTTI_SOURCE_ROOT}/resources/examples"
    TUTTI_BINARY_DIR="${CMAKE_BINARY_DIR}")
  add_test(NAME ${test_name} COMMAND ${test_name})
  set(labels ${layer})
  file(STRINGS ${file} label_lines REGEX "^// LABELS:")
  foreach(line IN LISTS label_lines)
    string(REGEX REPLACE "^// LABELS:[ ]*" "" extra "${line}")
    separate_arguments(extra)
    list(APPEND labels ${extra})
  endforeach()
  # TUTTI_FATAL_ASSERTS: a failed TUTTI_ASSERT (engine/core/softassert.h) aborts the test, and
  # the binaries it starts, instead of logging and recovering as a release build does.
  set(environment QT_QPA_PLATFORM=offscreen TUTTI_BINARY_DIR=${CMAKE_BINARY_DIR}
    TUTTI_FATAL_ASSERTS=1 ${TUTTI_SANITIZER_ENVIRONMENT})
  set_tests_properties(${test_name} PROPERTIES LABELS "${labels}" TIMEOUT 300
    ENVIRONMENT "${environment}")
endfunction()
