// RUN: %python %S/../verify_blocking_db.py %async-lint %s -- %cxx20

// Every gRPC entry of checks/data/blocking-calls.yaml (its synchronous C++
// API), called from a coroutine against the real headers (libgrpc++-dev 1.51).
// The line after each call names the entry it exercises. Generated stubs are
// matched by their shape; RouteGuide below is shaped like protoc's output.

#include "cppcoro_task.h"

#include <grpcpp/channel.h>
#include <grpcpp/completion_queue.h>
#include <grpcpp/impl/codegen/client_unary_call.h>
#include <grpcpp/server.h>
#include <grpcpp/support/async_unary_call.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/sync_stream.h>

namespace routeguide {
struct Point {};
struct Feature {};
class RouteGuide final {
public:
  class StubInterface {
  public:
    virtual ~StubInterface() {}
    virtual ::grpc::Status GetFeature(::grpc::ClientContext *context, const ::routeguide::Point &request,
                                      ::routeguide::Feature *response) = 0;
  };
  class Stub final : public StubInterface {
  public:
    ::grpc::Status GetFeature(::grpc::ClientContext *context, const ::routeguide::Point &request,
                              ::routeguide::Feature *response) override;
    std::unique_ptr<::grpc::ClientAsyncResponseReader<::routeguide::Feature>>
    AsyncGetFeature(::grpc::ClientContext *context, const ::routeguide::Point &request,
                    ::grpc::CompletionQueue *cq);
    class async final {
    public:
      void GetFeature(::grpc::ClientContext *context, const ::routeguide::Point *request,
                      ::routeguide::Feature *response, std::function<void(::grpc::Status)>);
    };
    async *experimental_async();
  };
};
// The service side has the same shape with a ServerContext: it runs on
// gRPC's thread and does not wait for the network.
class Service {
public:
  virtual ::grpc::Status GetFeature(::grpc::ServerContext *context, const ::routeguide::Point *request,
                                    ::routeguide::Feature *response);
};
} // namespace routeguide

// How gRPC serialises the messages (protobuf's generated code provides this).
namespace grpc {
template <> class SerializationTraits<routeguide::Point> {
public:
  static Status Serialize(const routeguide::Point &, ByteBuffer *, bool *);
  static Status Deserialize(ByteBuffer *, routeguide::Point *);
};
template <> class SerializationTraits<routeguide::Feature> {
public:
  static Status Serialize(const routeguide::Feature &, ByteBuffer *, bool *);
  static Status Deserialize(ByteBuffer *, routeguide::Feature *);
};
} // namespace grpc

cppcoro::task<> stubs(routeguide::RouteGuide::Stub &stub, routeguide::RouteGuide::StubInterface &iface,
                      grpc::ClientContext *ctx, grpc::CompletionQueue *cq, routeguide::Service &service,
                      grpc::ServerContext *sctx) {
  routeguide::Point point;
  routeguide::Feature feature;
  stub.GetFeature(ctx, point, &feature);
  // ENTRY: Stub::*=routeguide::RouteGuide::Stub::GetFeature
  iface.GetFeature(ctx, point, &feature);
  // ENTRY: StubInterface::*=routeguide::RouteGuide::StubInterface::GetFeature
  stub.AsyncGetFeature(ctx, point, cq);                                     // asynchronous
  stub.experimental_async()->GetFeature(ctx, &point, &feature, [](grpc::Status) {}); // asynchronous
  service.GetFeature(sctx, &point, &feature);                               // the handler itself
  co_return;
}

cppcoro::task<> streams(grpc::ClientReader<routeguide::Feature> &reader,
                        grpc::ClientWriter<routeguide::Point> &writer,
                        grpc::ClientReaderWriter<routeguide::Point, routeguide::Feature> &rw,
                        grpc::ServerReader<routeguide::Point> &sreader,
                        grpc::ServerWriter<routeguide::Feature> &swriter,
                        grpc::ServerReaderWriter<routeguide::Feature, routeguide::Point> &srw) {
  routeguide::Point point;
  routeguide::Feature feature;
  reader.WaitForInitialMetadata();
  // ENTRY: ::grpc::ClientReader::WaitForInitialMetadata
  reader.Read(&feature);
  // ENTRY: ::grpc::internal::ReaderInterface::Read
  reader.Finish();
  // ENTRY: ::grpc::ClientReader::Finish
  writer.WaitForInitialMetadata();
  // ENTRY: ::grpc::ClientWriter::WaitForInitialMetadata
  writer.Write(point, grpc::WriteOptions());
  // ENTRY: ::grpc::internal::WriterInterface::Write
  writer.Write(point);
  // ENTRY: ::grpc::internal::WriterInterface::Write
  writer.WritesDone();
  // ENTRY: ::grpc::ClientWriter::WritesDone
  writer.Finish();
  // ENTRY: ::grpc::ClientWriter::Finish
  rw.WaitForInitialMetadata();
  // ENTRY: ::grpc::ClientReaderWriter::WaitForInitialMetadata
  rw.Read(&feature);
  // ENTRY: ::grpc::internal::ReaderInterface::Read
  rw.Write(point, grpc::WriteOptions());
  // ENTRY: ::grpc::internal::WriterInterface::Write
  rw.WritesDone();
  // ENTRY: ::grpc::ClientReaderWriter::WritesDone
  rw.Finish();
  // ENTRY: ::grpc::ClientReaderWriter::Finish
  sreader.Read(&point);
  // ENTRY: ::grpc::internal::ReaderInterface::Read
  swriter.Write(feature, grpc::WriteOptions());
  // ENTRY: ::grpc::internal::WriterInterface::Write
  srw.Read(&point);
  // ENTRY: ::grpc::internal::ReaderInterface::Read
  srw.Write(feature, grpc::WriteOptions());
  // ENTRY: ::grpc::internal::WriterInterface::Write
  grpc::internal::ReaderInterface<routeguide::Feature> &ri = reader;
  ri.Read(&feature);
  // ENTRY: ::grpc::internal::ReaderInterface::Read
  ri.NextMessageSize(nullptr); // returns at once
  co_return;
}

cppcoro::task<> runtime(grpc::CompletionQueue &cq, grpc::Channel &channel, grpc::Server &server,
                        grpc::ChannelInterface &iface) {
  void *tag = nullptr;
  bool ok = false;
  cq.Next(&tag, &ok);
  // ENTRY: ::grpc::CompletionQueue::Next
  channel.WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(5));
  // ENTRY: ::grpc::ChannelInterface::WaitForConnected
  iface.WaitForStateChange(GRPC_CHANNEL_IDLE, std::chrono::system_clock::now());
  // ENTRY: ::grpc::ChannelInterface::WaitForStateChange
  channel.GetState(false); // returns at once
  server.Wait();
  // ENTRY: ::grpc::Server::Wait
  server.Shutdown();
  // ENTRY: ::grpc::ServerInterface::Shutdown
  co_return;
}
