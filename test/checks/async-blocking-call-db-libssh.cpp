// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20 -Wno-deprecated-declarations

// Every libssh 0.10 (libssh-dev) entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers. The line after each call names the
// entry it exercises; `any` (db_any.h) stands for arguments of any type.

#include "cppcoro_task.h"
#include "db_any.h"

#include <libssh/libssh.h>
#include <libssh/sftp.h>
#include <libssh/server.h>

cppcoro::task<> calls() {
  ssh_connect(any);
  // ENTRY: ::ssh_connect
  ssh_userauth_none(any, any);
  // ENTRY: ::ssh_userauth_none
  ssh_userauth_password(any, any, any);
  // ENTRY: ::ssh_userauth_password
  ssh_userauth_publickey(any, any, any);
  // ENTRY: ::ssh_userauth_publickey
  ssh_userauth_try_publickey(any, any, any);
  // ENTRY: ::ssh_userauth_try_publickey
  ssh_userauth_publickey_auto(any, any, any);
  // ENTRY: ::ssh_userauth_publickey_auto
  ssh_userauth_agent(any, any);
  // ENTRY: ::ssh_userauth_agent
  ssh_userauth_kbdint(any, any, any);
  // ENTRY: ::ssh_userauth_kbdint
  ssh_userauth_gssapi(any);
  // ENTRY: ::ssh_userauth_gssapi
  ssh_channel_open_session(any);
  // ENTRY: ::ssh_channel_open_session
  ssh_channel_open_forward(any, any, any, any, any);
  // ENTRY: ::ssh_channel_open_forward
  ssh_channel_open_forward_unix(any, any, any, any);
  // ENTRY: ::ssh_channel_open_forward_unix
  ssh_channel_open_auth_agent(any);
  // ENTRY: ::ssh_channel_open_auth_agent
  ssh_channel_request_exec(any, any);
  // ENTRY: ::ssh_channel_request_exec
  ssh_channel_request_shell(any);
  // ENTRY: ::ssh_channel_request_shell
  ssh_channel_request_pty(any);
  // ENTRY: ::ssh_channel_request_pty
  ssh_channel_request_pty_size(any, any, any, any);
  // ENTRY: ::ssh_channel_request_pty_size
  ssh_channel_request_subsystem(any, any);
  // ENTRY: ::ssh_channel_request_subsystem
  ssh_channel_request_env(any, any, any);
  // ENTRY: ::ssh_channel_request_env
  ssh_channel_request_x11(any, any, any, any, any);
  // ENTRY: ::ssh_channel_request_x11
  ssh_channel_request_sftp(any);
  // ENTRY: ::ssh_channel_request_sftp
  ssh_channel_request_send_signal(any, any);
  // ENTRY: ::ssh_channel_request_send_signal
  ssh_channel_request_send_break(any, any);
  // ENTRY: ::ssh_channel_request_send_break
  ssh_channel_request_auth_agent(any);
  // ENTRY: ::ssh_channel_request_auth_agent
  ssh_channel_change_pty_size(any, any, any);
  // ENTRY: ::ssh_channel_change_pty_size
  ssh_channel_read(any, any, any, any);
  // ENTRY: ::ssh_channel_read
  ssh_channel_read_timeout(any, any, any, any, any);
  // ENTRY: ::ssh_channel_read_timeout
  ssh_channel_write(any, any, any);
  // ENTRY: ::ssh_channel_write
  ssh_channel_write_stderr(any, any, any);
  // ENTRY: ::ssh_channel_write_stderr
  ssh_channel_send_eof(any);
  // ENTRY: ::ssh_channel_send_eof
  ssh_channel_close(any);
  // ENTRY: ::ssh_channel_close
  ssh_channel_get_exit_status(any);
  // ENTRY: ::ssh_channel_get_exit_status
  ssh_channel_accept_forward(any, any, any);
  // ENTRY: ::ssh_channel_accept_forward
  ssh_channel_listen_forward(any, any, any, any);
  // ENTRY: ::ssh_channel_listen_forward
  ssh_channel_cancel_forward(any, any, any);
  // ENTRY: ::ssh_channel_cancel_forward
  ssh_channel_accept_x11(any, any);
  // ENTRY: ::ssh_channel_accept_x11
  ssh_service_request(any, any);
  // ENTRY: ::ssh_service_request
  ssh_blocking_flush(any, any);
  // ENTRY: ::ssh_blocking_flush
  ssh_handle_key_exchange(any);
  // ENTRY: ::ssh_handle_key_exchange
  ssh_message_get(any);
  // ENTRY: ::ssh_message_get
  ssh_send_keepalive(any);
  // ENTRY: ::ssh_send_keepalive
  ssh_channel_poll_timeout(any, any, any);
  // ENTRY: ::ssh_channel_poll_timeout
  ssh_event_dopoll(any, any);
  // ENTRY: ::ssh_event_dopoll
  ssh_bind_accept(any, any);
  // ENTRY: ::ssh_bind_accept
  ssh_select(any, any, any, any, any);
  // ENTRY: ::ssh_select
  ssh_channel_select(any, any, any, any);
  // ENTRY: ::ssh_channel_select
  ssh_scp_init(any);
  // ENTRY: ::ssh_scp_init
  ssh_scp_push_file(any, any, any, any);
  // ENTRY: ::ssh_scp_push_file
  ssh_scp_push_file64(any, any, any, any);
  // ENTRY: ::ssh_scp_push_file64
  ssh_scp_push_directory(any, any, any);
  // ENTRY: ::ssh_scp_push_directory
  ssh_scp_write(any, any, any);
  // ENTRY: ::ssh_scp_write
  ssh_scp_read(any, any, any);
  // ENTRY: ::ssh_scp_read
  ssh_scp_pull_request(any);
  // ENTRY: ::ssh_scp_pull_request
  ssh_scp_accept_request(any);
  // ENTRY: ::ssh_scp_accept_request
  ssh_scp_close(any);
  // ENTRY: ::ssh_scp_close
  ssh_scp_leave_directory(any);
  // ENTRY: ::ssh_scp_leave_directory
  sftp_init(any);
  // ENTRY: ::sftp_init
  sftp_open(any, any, any, any);
  // ENTRY: ::sftp_open
  sftp_read(any, any, any);
  // ENTRY: ::sftp_read
  sftp_write(any, any, any);
  // ENTRY: ::sftp_write
  sftp_close(any);
  // ENTRY: ::sftp_close
  sftp_opendir(any, any);
  // ENTRY: ::sftp_opendir
  sftp_readdir(any, any);
  // ENTRY: ::sftp_readdir
  sftp_closedir(any);
  // ENTRY: ::sftp_closedir
  sftp_stat(any, any);
  // ENTRY: ::sftp_stat
  sftp_lstat(any, any);
  // ENTRY: ::sftp_lstat
  sftp_fstat(any);
  // ENTRY: ::sftp_fstat
  sftp_mkdir(any, any, any);
  // ENTRY: ::sftp_mkdir
  sftp_rmdir(any, any);
  // ENTRY: ::sftp_rmdir
  sftp_unlink(any, any);
  // ENTRY: ::sftp_unlink
  sftp_rename(any, any, any);
  // ENTRY: ::sftp_rename
  sftp_setstat(any, any, any);
  // ENTRY: ::sftp_setstat
  sftp_chmod(any, any, any);
  // ENTRY: ::sftp_chmod
  sftp_chown(any, any, any, any);
  // ENTRY: ::sftp_chown
  sftp_symlink(any, any, any);
  // ENTRY: ::sftp_symlink
  sftp_readlink(any, any);
  // ENTRY: ::sftp_readlink
  sftp_statvfs(any, any);
  // ENTRY: ::sftp_statvfs
  sftp_fstatvfs(any);
  // ENTRY: ::sftp_fstatvfs
  sftp_fsync(any);
  // ENTRY: ::sftp_fsync
  sftp_canonicalize_path(any, any);
  // ENTRY: ::sftp_canonicalize_path
  sftp_utimes(any, any, any);
  // ENTRY: ::sftp_utimes
  sftp_async_read(any, any, any, any);
  // ENTRY: ::sftp_async_read
  ssh_session_is_known_server(any);
  // ENTRY: ::ssh_session_is_known_server
  ssh_session_update_known_hosts(any);
  // ENTRY: ::ssh_session_update_known_hosts
  ssh_pki_import_privkey_file(any, any, any, any, any);
  // ENTRY: ::ssh_pki_import_privkey_file
  ssh_pki_import_pubkey_file(any, any);
  // ENTRY: ::ssh_pki_import_pubkey_file
  ssh_pki_import_cert_file(any, any);
  // ENTRY: ::ssh_pki_import_cert_file
  ssh_pki_export_privkey_file(any, any, any, any, any);
  // ENTRY: ::ssh_pki_export_privkey_file
  ssh_pki_export_pubkey_file(any, any);
  // ENTRY: ::ssh_pki_export_pubkey_file
  ssh_options_parse_config(any, any);
  // ENTRY: ::ssh_options_parse_config
  ssh_bind_options_parse_config(any, any);
  // ENTRY: ::ssh_bind_options_parse_config
  co_return;
}

struct ReadinessAwaiter {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume() noexcept;
};
ReadinessAwaiter readable(socket_t);

// Non-blocking mode: the calls return SSH_AGAIN instead of waiting.
cppcoro::task<> nonBlocking(ssh_session session, ssh_channel channel, char *buf) {
  ssh_set_blocking(session, 0);
  while (ssh_connect(session) == SSH_AGAIN)
    co_await readable(ssh_get_fd(session));
  while (ssh_channel_read(channel, buf, 64, 0) == SSH_AGAIN)
    co_await readable(ssh_get_fd(session));
  ssh_channel_poll_timeout(channel, 0, 0);
}
