// A shared library without any Troupe entry point.

extern "C" int some_other_library_function() {
  return 42;
}
