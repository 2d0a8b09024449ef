// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every OpenSSL 3.0 (libssl-dev) entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers. The line after each call names the
// entry it exercises; `any` (db_any.h) stands for arguments of any type.

#include "cppcoro_task.h"
#include "db_any.h"

#include <openssl/ssl.h>
#include <openssl/bio.h>
#include <openssl/http.h>
#include <openssl/x509_vfy.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/rand.h>
#include <openssl/conf.h>
#include <openssl/ocsp.h>
#include <openssl/pkcs12.h>

struct ReadinessAwaiter {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume() noexcept;
};
ReadinessAwaiter readable();

cppcoro::task<> calls() {
  SSL_read(any, any, any);
  // ENTRY: ::SSL_read
  SSL_read_ex(any, any, any, any);
  // ENTRY: ::SSL_read_ex
  SSL_peek(any, any, any);
  // ENTRY: ::SSL_peek
  SSL_peek_ex(any, any, any, any);
  // ENTRY: ::SSL_peek_ex
  SSL_write(any, any, any);
  // ENTRY: ::SSL_write
  SSL_write_ex(any, any, any, any);
  // ENTRY: ::SSL_write_ex
  SSL_connect(any);
  // ENTRY: ::SSL_connect
  SSL_accept(any);
  // ENTRY: ::SSL_accept
  SSL_do_handshake(any);
  // ENTRY: ::SSL_do_handshake
  SSL_shutdown(any);
  // ENTRY: ::SSL_shutdown
  SSL_read_early_data(any, any, any, any);
  // ENTRY: ::SSL_read_early_data
  SSL_write_early_data(any, any, any, any);
  // ENTRY: ::SSL_write_early_data
  SSL_sendfile(any, any, any, any, any);
  // ENTRY: ::SSL_sendfile
  BIO_read(any, any, any);
  // ENTRY: ::BIO_read
  BIO_read_ex(any, any, any, any);
  // ENTRY: ::BIO_read_ex
  BIO_write(any, any, any);
  // ENTRY: ::BIO_write
  BIO_write_ex(any, any, any, any);
  // ENTRY: ::BIO_write_ex
  BIO_gets(any, any, any);
  // ENTRY: ::BIO_gets
  BIO_puts(any, any);
  // ENTRY: ::BIO_puts
  BIO_connect(any, any, any);
  // ENTRY: ::BIO_connect
  BIO_accept_ex(any, any, any);
  // ENTRY: ::BIO_accept_ex
  BIO_lookup(any, any, any, any, any, any);
  // ENTRY: ::BIO_lookup
  BIO_lookup_ex(any, any, any, any, any, any, any);
  // ENTRY: ::BIO_lookup_ex
  OSSL_HTTP_get(any, any, any, any, any, any, any, any, any, any, any, any, any);
  // ENTRY: ::OSSL_HTTP_get
  OSSL_HTTP_transfer(any, any, any, any, any, any, any, any, any, any, any, any, any, any, any, any, any, any, any, any);
  // ENTRY: ::OSSL_HTTP_transfer
  OSSL_HTTP_open(any, any, any, any, any, any, any, any, any, any, any);
  // ENTRY: ::OSSL_HTTP_open
  OSSL_HTTP_exchange(any, any);
  // ENTRY: ::OSSL_HTTP_exchange
  OSSL_HTTP_REQ_CTX_exchange(any);
  // ENTRY: ::OSSL_HTTP_REQ_CTX_exchange
  OCSP_sendreq_bio(any, any, any);
  // ENTRY: ::OCSP_sendreq_bio
  BIO_new_file(any, any);
  // ENTRY: ::BIO_new_file
  SSL_CTX_load_verify_locations(any, any, any);
  // ENTRY: ::SSL_CTX_load_verify_locations
  SSL_CTX_load_verify_file(any, any);
  // ENTRY: ::SSL_CTX_load_verify_file
  SSL_CTX_load_verify_dir(any, any);
  // ENTRY: ::SSL_CTX_load_verify_dir
  SSL_CTX_load_verify_store(any, any);
  // ENTRY: ::SSL_CTX_load_verify_store
  SSL_CTX_set_default_verify_paths(any);
  // ENTRY: ::SSL_CTX_set_default_verify_paths
  SSL_CTX_set_default_verify_file(any);
  // ENTRY: ::SSL_CTX_set_default_verify_file
  SSL_CTX_set_default_verify_dir(any);
  // ENTRY: ::SSL_CTX_set_default_verify_dir
  SSL_CTX_use_certificate_file(any, any, any);
  // ENTRY: ::SSL_CTX_use_certificate_file
  SSL_CTX_use_certificate_chain_file(any, any);
  // ENTRY: ::SSL_CTX_use_certificate_chain_file
  SSL_CTX_use_PrivateKey_file(any, any, any);
  // ENTRY: ::SSL_CTX_use_PrivateKey_file
  SSL_use_certificate_file(any, any, any);
  // ENTRY: ::SSL_use_certificate_file
  SSL_use_PrivateKey_file(any, any, any);
  // ENTRY: ::SSL_use_PrivateKey_file
  SSL_use_certificate_chain_file(any, any);
  // ENTRY: ::SSL_use_certificate_chain_file
  SSL_CTX_use_serverinfo_file(any, any);
  // ENTRY: ::SSL_CTX_use_serverinfo_file
  SSL_load_client_CA_file(any);
  // ENTRY: ::SSL_load_client_CA_file
  SSL_add_file_cert_subjects_to_stack(any, any);
  // ENTRY: ::SSL_add_file_cert_subjects_to_stack
  SSL_add_dir_cert_subjects_to_stack(any, any);
  // ENTRY: ::SSL_add_dir_cert_subjects_to_stack
  X509_STORE_load_file(any, any);
  // ENTRY: ::X509_STORE_load_file
  X509_STORE_load_path(any, any);
  // ENTRY: ::X509_STORE_load_path
  X509_STORE_load_locations(any, any, any);
  // ENTRY: ::X509_STORE_load_locations
  X509_STORE_set_default_paths(any);
  // ENTRY: ::X509_STORE_set_default_paths
  PEM_read_X509(any, any, any, any);
  // ENTRY: ::PEM_read_X509
  PEM_write_X509(any, any);
  // ENTRY: ::PEM_write_X509
  PEM_read_PrivateKey(any, any, any, any);
  // ENTRY: ::PEM_read_PrivateKey
  PEM_write_PrivateKey(any, any, any, any, any, any, any);
  // ENTRY: ::PEM_write_PrivateKey
  PEM_read_PUBKEY(any, any, any, any);
  // ENTRY: ::PEM_read_PUBKEY
  PEM_write_PUBKEY(any, any);
  // ENTRY: ::PEM_write_PUBKEY
  d2i_X509_fp(any, any);
  // ENTRY: ::d2i_X509_fp
  i2d_X509_fp(any, any);
  // ENTRY: ::i2d_X509_fp
  d2i_PrivateKey_fp(any, any);
  // ENTRY: ::d2i_PrivateKey_fp
  i2d_PrivateKey_fp(any, any);
  // ENTRY: ::i2d_PrivateKey_fp
  d2i_PKCS12_fp(any, any);
  // ENTRY: ::d2i_PKCS12_fp
  i2d_PKCS12_fp(any, any);
  // ENTRY: ::i2d_PKCS12_fp
  RAND_load_file(any, any);
  // ENTRY: ::RAND_load_file
  RAND_write_file(any);
  // ENTRY: ::RAND_write_file
  CONF_modules_load_file(any, any, any);
  // ENTRY: ::CONF_modules_load_file
  co_return;
}

// A coroutine that drives a non-blocking TLS session: it asks SSL_get_error
// whether to wait for readability, so its SSL_read returns at once.
cppcoro::task<> nonBlockingTls(SSL *ssl, char *buf) {
  for (;;) {
    int n = SSL_read(ssl, buf, 512);
    if (n > 0 || SSL_get_error(ssl, n) != SSL_ERROR_WANT_READ)
      break;
    co_await readable();
  }
}

// Memory BIOs: the coroutine moves ciphertext between them and a socket.
cppcoro::task<> memoryBios(BIO *network, char *buf) {
  while (BIO_ctrl_pending(network) > 0)
    BIO_read(network, buf, 512);
  co_return;
}

cppcoro::task<> sockets(int fd, const BIO_ADDR *addr) {
  BIO_connect(fd, addr, BIO_SOCK_NODELAY);
  // ENTRY: ::BIO_connect
  BIO_connect(fd, addr, BIO_SOCK_NONBLOCK | BIO_SOCK_NODELAY); // non-blocking
  co_return;
}
