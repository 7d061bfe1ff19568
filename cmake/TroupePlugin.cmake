# troupe_add_plugin(NAME SOURCES...): an agent plugin, a shared library that
# `troupe run --plugin PATH` (or a scenario's "plugins" list) loads. It links
# Troupe::troupe, from the source tree or from find_package(Troupe).
function(troupe_add_plugin name)
  add_library(${name} MODULE ${ARGN})
  target_link_libraries(${name} PRIVATE Troupe::troupe)
  target_compile_features(${name} PRIVATE cxx_std_17)
  # fact_check.so rather than libfact_check.so: the name a scenario uses.
  set_target_properties(${name} PROPERTIES PREFIX "")
endfunction()
