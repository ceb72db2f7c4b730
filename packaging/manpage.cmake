# Makes a man page from its template (packaging/*.1.in) and the built binary's own help, so the
# page lists every subcommand and option the binary has (run at build time, after linking):
#   cmake -DBINARY=PATH -DTEMPLATE=FILE.1.in -DOUTPUT=FILE.1 -DPROJECT_VERSION=V
#         -DTUTTI_RELEASE_DATE=D -DTUTTI_HOMEPAGE=URL -P manpage.cmake
# For `tutti`, the commands are the rows of `tutti --help`'s "Commands:" section (two spaces, a
# lower-case name); each becomes a subsection with that command's `--help`, verbatim.

# Help text as roff that is printed as it is: backslashes and minus signs escaped, lines that
# begin with a control character protected.
function(roff_verbatim text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(REGEX REPLACE "\n+$" "" text "${text}")
  set(${out} ".nf\n${text}\n.fi" PARENT_SCOPE)
endfunction()

function(help_of args out)
  execute_process(COMMAND ${BINARY} ${args} OUTPUT_VARIABLE text RESULT_VARIABLE rc
                  ERROR_VARIABLE error)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "manpage: `${BINARY} ${args}` failed (${rc}): ${error}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

help_of("--help" main_help)
get_filename_component(binary_name ${BINARY} NAME)
if(binary_name STREQUAL "tutti")
  string(REGEX MATCH "\nCommands:\n(.*)" commands_part "${main_help}")
  string(REGEX REPLACE "\n\n.*" "" commands_part "${CMAKE_MATCH_1}")
  string(REGEX MATCHALL "(^|\n)  [a-z][a-z-]*" rows "${commands_part}")
  if(NOT rows)
    message(FATAL_ERROR "manpage: no commands in `${BINARY} --help`:\n${main_help}")
  endif()
  set(TUTTI_MAN_COMMANDS "")
  foreach(row IN LISTS rows)
    string(STRIP "${row}" command)
    help_of("${command};--help" command_help)
    # The first line names the command with its arguments; the rest follows as printed.
    roff_verbatim("${command_help}" body)
    string(APPEND TUTTI_MAN_COMMANDS ".SS \"tutti ${command}\"\n${body}\n")
  endforeach()
  string(REGEX REPLACE "\n$" "" TUTTI_MAN_COMMANDS "${TUTTI_MAN_COMMANDS}")
else()
  # Everything after the usage line and the description: the options and arguments.
  string(REGEX MATCH "\nOptions:\n.*" options "${main_help}")
  if(NOT options)
    message(FATAL_ERROR "manpage: no options in `${BINARY} --help`:\n${main_help}")
  endif()
  string(REGEX REPLACE "^\n" "" options "${options}")
  roff_verbatim("${options}" TUTTI_MAN_OPTIONS)
endif()
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
