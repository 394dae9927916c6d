// The content hash that names what a score was computed from: the SHA-256 of a ruleset's text
// (with the files it extends), kept in the JSON output and, by rubric serve, with every stored
// score. OpenSSL's libcrypto computes it (a well-kept implementation, not one of our own).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rubric {

// The SHA-256 of [bytes] as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

// The SHA-256 of several texts taken together: each one's byte length in decimal, a line feed,
// then its bytes, in order. Two lists hash alike only when every text is the same.
std::string sha256_hex(const std::vector<std::string_view>& texts);

}  // namespace rubric
