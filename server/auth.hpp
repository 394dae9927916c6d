// Passwords and tokens for rubric serve: Argon2id password hashes (libsodium's crypto_pwhash_str,
// a memory-hard KDF from a well-kept library, not code of our own) and random tokens from the
// operating system's generator, kept only as their SHA-256.
#pragma once

#include <string>
#include <string_view>

namespace rubric::server {

// The Argon2id hash of [password] as crypto_pwhash_str writes it ("$argon2id$v=19$m=…").
std::string hash_password(std::string_view password);
// Whether [password] is the one [hash] was made from.
bool verify_password(std::string_view password, const std::string& hash);
// [bytes] random bytes as lowercase hexadecimal.
std::string random_token(std::size_t bytes = 32);
// A password to print once: 16 letters and digits without look-alikes (0/O, 1/l/I).
std::string random_password();

}  // namespace rubric::server
