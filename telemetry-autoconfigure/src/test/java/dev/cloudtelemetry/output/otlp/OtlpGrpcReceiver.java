package dev.cloudtelemetry.output.otlp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

/**
 * A gRPC {@code opentelemetry.proto.collector.trace.v1.TraceService} on 127.0.0.1, the generated service of
 * io.opentelemetry.proto:opentelemetry-proto; it answers {@code UNAVAILABLE} (or any status, with details such as a
 * {@code google.rpc.RetryInfo}) while told to refuse, and records when each request arrived and its headers.
 */
public final class OtlpGrpcReceiver implements AutoCloseable {

	private final ConcurrentLinkedQueue<ExportTraceServiceRequest> requests = new ConcurrentLinkedQueue<>();

	private final AtomicInteger refused = new AtomicInteger();

	private static final Context.Key<Metadata> HEADERS = Context.key("headers");

	private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Metadata> headers = new ConcurrentLinkedQueue<>();

	private volatile StatusRuntimeException refuseWith;

	private final Server server;

	public OtlpGrpcReceiver() throws IOException {
		ServerInterceptor recordHeaders = new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
					ServerCallHandler<Q, R> next) {
				return Contexts.interceptCall(Context.current().withValue(HEADERS, metadata), call, metadata, next);
			}

		};
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(ServerInterceptors.intercept(new TraceServiceGrpc.TraceServiceImplBase() {

				@Override
				public void export(ExportTraceServiceRequest request,
						StreamObserver<ExportTraceServiceResponse> response) {
					OtlpGrpcReceiver.this.arrivals.add(System.nanoTime());
					OtlpGrpcReceiver.this.headers.add(HEADERS.get());
					StatusRuntimeException refusal = OtlpGrpcReceiver.this.refuseWith;
					if (refusal != null) {
						OtlpGrpcReceiver.this.refused.incrementAndGet();
						response.onError(refusal);
						return;
					}
					OtlpGrpcReceiver.this.requests.add(request);
					response.onNext(ExportTraceServiceResponse.getDefaultInstance());
					response.onCompleted();
				}

			}, recordHeaders))
			.build()
			.start();
	}

	public String endpoint() {
		return "http://127.0.0.1:" + this.server.getPort();
	}

	public void refuse(Status status) {
		this.refuseWith = status.asRuntimeException();
	}

	/** Refuses with this answer, trailers (such as {@code grpc-status-details-bin}) included. */
	public void refuse(StatusRuntimeException answer) {
		this.refuseWith = answer;
	}

	/** When each request arrived, {@link System#nanoTime()}. */
	public List<Long> arrivals() {
		return new ArrayList<>(this.arrivals);
	}

	/** The headers of each request. */
	public List<Metadata> headers() {
		return new ArrayList<>(this.headers);
	}

	public void accept() {
		this.refuseWith = null;
	}

	public int refusedRequests() {
		return this.refused.get();
	}

	public List<ExportTraceServiceRequest> requests() {
		return new ArrayList<>(this.requests);
	}

	@Override
	public void close() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

}
