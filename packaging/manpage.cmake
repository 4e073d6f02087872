# Writes paxray.1.gz from the binary's own --help (help2man), with one
# section per subcommand taken from `paxray COMMAND --help`, so the man page
# cannot drift from the options. Run by the `manpage` target:
#   cmake -DPAXRAY=... -DHELP2MAN=... -DINCLUDE=... -DOUT=... -P manpage.cmake
foreach(cmd scan timeline replay isolate-check extract)
  execute_process(COMMAND "${PAXRAY}" ${cmd} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${PAXRAY} ${cmd} --help failed (${rc})")
  endif()
  # roff: a leading '.' or '\' would be read as a request or escape.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "\n\\." "\n\\\\&." help "${help}")
  string(REPLACE "${PAXRAY}" "paxray" help "${help}")
  string(APPEND commands ".SS \"paxray ${cmd}\"\n.nf\n${help}.fi\n")
endforeach()
file(READ "${INCLUDE}" static)
file(WRITE "${OUT}.h2m" "[COMMANDS]\n${commands}\n${static}")
execute_process(COMMAND "${HELP2MAN}" --no-info --no-discard-stderr --section=1 --name
                        "election and commit-log troubleshooting for consensus-replicated systems"
                        --include "${OUT}.h2m" --output "${OUT}" "${PAXRAY}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${rc})")
endif()
execute_process(COMMAND gzip -9nf "${OUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip failed (${rc})")
endif()
