// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20 -isystem /usr/include/libmongoc-1.0 -isystem /usr/include/libbson-1.0 -Wno-deprecated-declarations

// Every MongoDB C driver 1.23 (libmongoc-dev) entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers. The line after each call names the
// entry it exercises; `any` (db_any.h) stands for arguments of any type.

#include "cppcoro_task.h"
#include "db_any.h"

#include <mongoc/mongoc.h>

cppcoro::task<> calls() {
  mongoc_client_command_simple(any, any, any, any, any, any);
  // ENTRY: ::mongoc_client_command_simple
  mongoc_client_command_with_opts(any, any, any, any, any, any, any);
  // ENTRY: ::mongoc_client_command_with_opts
  mongoc_client_read_command_with_opts(any, any, any, any, any, any, any);
  // ENTRY: ::mongoc_client_read_command_with_opts
  mongoc_client_write_command_with_opts(any, any, any, any, any, any);
  // ENTRY: ::mongoc_client_write_command_with_opts
  mongoc_client_read_write_command_with_opts(any, any, any, any, any, any, any);
  // ENTRY: ::mongoc_client_read_write_command_with_opts
  mongoc_client_get_database_names_with_opts(any, any, any);
  // ENTRY: ::mongoc_client_get_database_names_with_opts
  mongoc_client_get_server_status(any, any, any, any);
  // ENTRY: ::mongoc_client_get_server_status
  mongoc_client_select_server(any, any, any, any);
  // ENTRY: ::mongoc_client_select_server
  mongoc_client_start_session(any, any, any);
  // ENTRY: ::mongoc_client_start_session
  mongoc_database_command_simple(any, any, any, any, any);
  // ENTRY: ::mongoc_database_command_simple
  mongoc_database_command_with_opts(any, any, any, any, any, any);
  // ENTRY: ::mongoc_database_command_with_opts
  mongoc_database_read_command_with_opts(any, any, any, any, any, any);
  // ENTRY: ::mongoc_database_read_command_with_opts
  mongoc_database_write_command_with_opts(any, any, any, any, any);
  // ENTRY: ::mongoc_database_write_command_with_opts
  mongoc_database_read_write_command_with_opts(any, any, any, any, any, any);
  // ENTRY: ::mongoc_database_read_write_command_with_opts
  mongoc_database_drop(any, any);
  // ENTRY: ::mongoc_database_drop
  mongoc_database_drop_with_opts(any, any, any);
  // ENTRY: ::mongoc_database_drop_with_opts
  mongoc_database_get_collection_names_with_opts(any, any, any);
  // ENTRY: ::mongoc_database_get_collection_names_with_opts
  mongoc_database_create_collection(any, any, any, any);
  // ENTRY: ::mongoc_database_create_collection
  mongoc_database_has_collection(any, any, any);
  // ENTRY: ::mongoc_database_has_collection
  mongoc_database_add_user(any, any, any, any, any, any);
  // ENTRY: ::mongoc_database_add_user
  mongoc_database_remove_user(any, any, any);
  // ENTRY: ::mongoc_database_remove_user
  mongoc_database_remove_all_users(any, any);
  // ENTRY: ::mongoc_database_remove_all_users
  mongoc_collection_insert_one(any, any, any, any, any);
  // ENTRY: ::mongoc_collection_insert_one
  mongoc_collection_insert_many(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_insert_many
  mongoc_collection_insert(any, any, any, any, any);
  // ENTRY: ::mongoc_collection_insert
  mongoc_collection_update(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_update
  mongoc_collection_update_one(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_update_one
  mongoc_collection_update_many(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_update_many
  mongoc_collection_replace_one(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_replace_one
  mongoc_collection_delete_one(any, any, any, any, any);
  // ENTRY: ::mongoc_collection_delete_one
  mongoc_collection_delete_many(any, any, any, any, any);
  // ENTRY: ::mongoc_collection_delete_many
  mongoc_collection_remove(any, any, any, any, any);
  // ENTRY: ::mongoc_collection_remove
  mongoc_collection_count_documents(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_count_documents
  mongoc_collection_estimated_document_count(any, any, any, any, any);
  // ENTRY: ::mongoc_collection_estimated_document_count
  mongoc_collection_count_with_opts(any, any, any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_count_with_opts
  mongoc_collection_drop(any, any);
  // ENTRY: ::mongoc_collection_drop
  mongoc_collection_drop_with_opts(any, any, any);
  // ENTRY: ::mongoc_collection_drop_with_opts
  mongoc_collection_rename(any, any, any, any, any);
  // ENTRY: ::mongoc_collection_rename
  mongoc_collection_rename_with_opts(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_rename_with_opts
  mongoc_collection_find_and_modify(any, any, any, any, any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_find_and_modify
  mongoc_collection_find_and_modify_with_opts(any, any, any, any, any);
  // ENTRY: ::mongoc_collection_find_and_modify_with_opts
  mongoc_collection_create_index_with_opts(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_create_index_with_opts
  mongoc_collection_drop_index(any, any, any);
  // ENTRY: ::mongoc_collection_drop_index
  mongoc_collection_drop_index_with_opts(any, any, any, any);
  // ENTRY: ::mongoc_collection_drop_index_with_opts
  mongoc_collection_command_simple(any, any, any, any, any);
  // ENTRY: ::mongoc_collection_command_simple
  mongoc_collection_command_with_opts(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_command_with_opts
  mongoc_collection_read_command_with_opts(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_read_command_with_opts
  mongoc_collection_write_command_with_opts(any, any, any, any, any);
  // ENTRY: ::mongoc_collection_write_command_with_opts
  mongoc_collection_read_write_command_with_opts(any, any, any, any, any, any);
  // ENTRY: ::mongoc_collection_read_write_command_with_opts
  mongoc_collection_save(any, any, any, any);
  // ENTRY: ::mongoc_collection_save
  mongoc_cursor_next(any, any);
  // ENTRY: ::mongoc_cursor_next
  mongoc_change_stream_next(any, any);
  // ENTRY: ::mongoc_change_stream_next
  mongoc_bulk_operation_execute(any, any, any);
  // ENTRY: ::mongoc_bulk_operation_execute
  mongoc_client_session_commit_transaction(any, any, any);
  // ENTRY: ::mongoc_client_session_commit_transaction
  mongoc_client_session_abort_transaction(any, any);
  // ENTRY: ::mongoc_client_session_abort_transaction
  mongoc_client_session_with_transaction(any, any, any, any, any, any);
  // ENTRY: ::mongoc_client_session_with_transaction
  mongoc_gridfs_find_one_with_opts(any, any, any, any);
  // ENTRY: ::mongoc_gridfs_find_one_with_opts
  mongoc_gridfs_remove_by_filename(any, any, any);
  // ENTRY: ::mongoc_gridfs_remove_by_filename
  mongoc_gridfs_drop(any, any);
  // ENTRY: ::mongoc_gridfs_drop
  mongoc_gridfs_file_save(any);
  // ENTRY: ::mongoc_gridfs_file_save
  mongoc_gridfs_file_readv(any, any, any, any, any);
  // ENTRY: ::mongoc_gridfs_file_readv
  mongoc_gridfs_file_writev(any, any, any, any);
  // ENTRY: ::mongoc_gridfs_file_writev
  mongoc_gridfs_file_remove(any, any);
  // ENTRY: ::mongoc_gridfs_file_remove
  mongoc_gridfs_create_file_from_stream(any, any, any);
  // ENTRY: ::mongoc_gridfs_create_file_from_stream
  mongoc_gridfs_bucket_upload_from_stream(any, any, any, any, any, any);
  // ENTRY: ::mongoc_gridfs_bucket_upload_from_stream
  mongoc_gridfs_bucket_download_to_stream(any, any, any, any);
  // ENTRY: ::mongoc_gridfs_bucket_download_to_stream
  mongoc_gridfs_bucket_delete_by_id(any, any, any);
  // ENTRY: ::mongoc_gridfs_bucket_delete_by_id
  mongoc_stream_read(any, any, any, any, any);
  // ENTRY: ::mongoc_stream_read
  mongoc_stream_write(any, any, any, any);
  // ENTRY: ::mongoc_stream_write
  mongoc_stream_readv(any, any, any, any, any);
  // ENTRY: ::mongoc_stream_readv
  mongoc_stream_writev(any, any, any, any);
  // ENTRY: ::mongoc_stream_writev
  mongoc_client_pool_pop(any);
  // ENTRY: ::mongoc_client_pool_pop
  co_return;
}

// Building a cursor sends nothing: the query runs in mongoc_cursor_next.
cppcoro::task<> lazy(mongoc_collection_t *coll, const bson_t *filter, const bson_t **doc) {
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, filter, nullptr, nullptr);
  mongoc_cursor_next(cursor, doc);
  // ENTRY: ::mongoc_cursor_next
  co_return;
}
