// Catch2's main(); kept alone so the test files recompile without it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
