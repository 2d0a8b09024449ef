// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every librdkafka 2.0 (librdkafka-dev), C and C++ APIs entry of checks/data/blocking-calls.yaml, called from a
// coroutine against the real headers. The line after each call names the
// entry it exercises; `any` (db_any.h) stands for arguments of any type.

#include "cppcoro_task.h"
#include "db_any.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

cppcoro::task<> calls() {
  rd_kafka_poll(any, any);
  // ENTRY: ::rd_kafka_poll
  rd_kafka_consumer_poll(any, any);
  // ENTRY: ::rd_kafka_consumer_poll
  rd_kafka_consume_queue(any, any);
  // ENTRY: ::rd_kafka_consume_queue
  rd_kafka_consume_batch_queue(any, any, any, any);
  // ENTRY: ::rd_kafka_consume_batch_queue
  rd_kafka_consume_callback_queue(any, any, any, any);
  // ENTRY: ::rd_kafka_consume_callback_queue
  rd_kafka_queue_poll(any, any);
  // ENTRY: ::rd_kafka_queue_poll
  rd_kafka_queue_poll_callback(any, any);
  // ENTRY: ::rd_kafka_queue_poll_callback
  rd_kafka_flush(any, any);
  // ENTRY: ::rd_kafka_flush
  rd_kafka_controllerid(any, any);
  // ENTRY: ::rd_kafka_controllerid
  rd_kafka_clusterid(any, any);
  // ENTRY: ::rd_kafka_clusterid
  rd_kafka_consume(any, any, any);
  // ENTRY: ::rd_kafka_consume
  rd_kafka_consume_batch(any, any, any, any, any);
  // ENTRY: ::rd_kafka_consume_batch
  rd_kafka_consume_callback(any, any, any, any, any);
  // ENTRY: ::rd_kafka_consume_callback
  rd_kafka_committed(any, any, any);
  // ENTRY: ::rd_kafka_committed
  rd_kafka_offsets_for_times(any, any, any);
  // ENTRY: ::rd_kafka_offsets_for_times
  rd_kafka_seek_partitions(any, any, any);
  // ENTRY: ::rd_kafka_seek_partitions
  rd_kafka_seek(any, any, any, any);
  // ENTRY: ::rd_kafka_seek
  rd_kafka_list_groups(any, any, any, any);
  // ENTRY: ::rd_kafka_list_groups
  rd_kafka_metadata(any, any, any, any, any);
  // ENTRY: ::rd_kafka_metadata
  rd_kafka_query_watermark_offsets(any, any, any, any, any, any);
  // ENTRY: ::rd_kafka_query_watermark_offsets
  rd_kafka_commit(any, any, 0);
  // ENTRY: ::rd_kafka_commit
  rd_kafka_commit_message(any, any, 0);
  // ENTRY: ::rd_kafka_commit_message
  rd_kafka_commit_queue(any, any, nullptr, any, any);
  // ENTRY: ::rd_kafka_commit_queue
  rd_kafka_consumer_close(any);
  // ENTRY: ::rd_kafka_consumer_close
  rd_kafka_destroy(any);
  // ENTRY: ::rd_kafka_destroy
  rd_kafka_destroy_flags(any, any);
  // ENTRY: ::rd_kafka_destroy_flags
  rd_kafka_init_transactions(any, any);
  // ENTRY: ::rd_kafka_init_transactions
  rd_kafka_send_offsets_to_transaction(any, any, any, any);
  // ENTRY: ::rd_kafka_send_offsets_to_transaction
  rd_kafka_commit_transaction(any, any);
  // ENTRY: ::rd_kafka_commit_transaction
  rd_kafka_abort_transaction(any, any);
  // ENTRY: ::rd_kafka_abort_transaction
  co_return;
}

cppcoro::task<> polling(rd_kafka_t *rk, rd_kafka_topic_partition_list_t *offsets) {
  rd_kafka_poll(rk, 0); // serves callbacks without waiting
  rd_kafka_poll(rk, 100);
  // ENTRY: ::rd_kafka_poll
  rd_kafka_commit(rk, offsets, 1); // asynchronous commit
  rd_kafka_commit(rk, offsets, 0);
  // ENTRY: ::rd_kafka_commit
  rd_kafka_commit_queue(rk, offsets, rd_kafka_queue_new(rk), nullptr, nullptr); // asynchronous
  co_return;
}

cppcoro::task<> cpp(RdKafka::KafkaConsumer *consumer, RdKafka::Consumer *legacy, RdKafka::Producer *producer,
                    RdKafka::Queue *queue, RdKafka::Topic *topic, RdKafka::ConsumerGroupMetadata *group) {
  std::vector<RdKafka::TopicPartition *> parts;
  RdKafka::Metadata *md = nullptr;
  int64_t low = 0, high = 0;
  producer->poll(100);
  // ENTRY: ::RdKafka::Handle::poll
  producer->poll(0); // serves callbacks without waiting
  producer->metadata(true, nullptr, &md, 1000);
  // ENTRY: ::RdKafka::Handle::metadata
  producer->query_watermark_offsets("t", 0, &low, &high, 1000);
  // ENTRY: ::RdKafka::Handle::query_watermark_offsets
  consumer->offsetsForTimes(parts, 1000);
  // ENTRY: ::RdKafka::Handle::offsetsForTimes
  producer->clusterid(1000);
  // ENTRY: ::RdKafka::Handle::clusterid
  producer->controllerid(1000);
  // ENTRY: ::RdKafka::Handle::controllerid
  delete consumer->consume(1000);
  // ENTRY: ::RdKafka::KafkaConsumer::consume
  delete consumer->consume(0); // returns at once
  consumer->commitSync();
  // ENTRY: ::RdKafka::KafkaConsumer::commitSync
  consumer->commitAsync(); // asynchronous
  consumer->committed(parts, 1000);
  // ENTRY: ::RdKafka::KafkaConsumer::committed
  consumer->seek(*parts.front(), 1000);
  // ENTRY: ::RdKafka::KafkaConsumer::seek
  consumer->close();
  // ENTRY: ::RdKafka::KafkaConsumer::close
  delete legacy->consume(topic, 0, 1000);
  // ENTRY: ::RdKafka::Consumer::consume
  delete legacy->consume(queue, 1000);
  // ENTRY: ::RdKafka::Consumer::consume
  delete legacy->consume(queue, 0); // returns at once
  producer->flush(10000);
  // ENTRY: ::RdKafka::Producer::flush
  producer->init_transactions(10000);
  // ENTRY: ::RdKafka::Producer::init_transactions
  producer->send_offsets_to_transaction(parts, group, 10000);
  // ENTRY: ::RdKafka::Producer::send_offsets_to_transaction
  producer->commit_transaction(10000);
  // ENTRY: ::RdKafka::Producer::commit_transaction
  producer->abort_transaction(10000);
  // ENTRY: ::RdKafka::Producer::abort_transaction
  delete queue->consume(1000);
  // ENTRY: ::RdKafka::Queue::consume
  queue->poll(1000);
  // ENTRY: ::RdKafka::Queue::poll
  co_return;
}
