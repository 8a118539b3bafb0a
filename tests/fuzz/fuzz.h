/* fuzz.h - the libFuzzer entry point each fuzz target defines. */
#ifndef BRIEFGEN_FUZZ_H
#define BRIEFGEN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
