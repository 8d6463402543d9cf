#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU runs `cchc_sha256_blocks_hw`: x86-64 with the SHA extensions (and SSSE3, SSE4.1).
int cchc_sha256_hw_available(void);

/// SHA-256 (FIPS 180-4) compression of `blocks` 64-byte blocks at `data` into `state` (A…H), with the
/// x86 SHA instructions. Call only when `cchc_sha256_hw_available()` returned non-zero.
void cchc_sha256_blocks_hw(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
