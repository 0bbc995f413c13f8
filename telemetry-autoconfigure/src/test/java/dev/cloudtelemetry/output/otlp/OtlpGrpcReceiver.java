package dev.cloudtelemetry.output.otlp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

/**
 * A gRPC {@code opentelemetry.proto.collector.trace.v1.TraceService} on 127.0.0.1, the generated service of
 * io.opentelemetry.proto:opentelemetry-proto; it answers {@code UNAVAILABLE} while told to refuse.
 */
public final class OtlpGrpcReceiver implements AutoCloseable {

	private final ConcurrentLinkedQueue<ExportTraceServiceRequest> requests = new ConcurrentLinkedQueue<>();

	private final AtomicInteger refused = new AtomicInteger();

	private volatile Status refuseWith;

	private final Server server;

	public OtlpGrpcReceiver() throws IOException {
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new TraceServiceGrpc.TraceServiceImplBase() {

				@Override
				public void export(ExportTraceServiceRequest request,
						StreamObserver<ExportTraceServiceResponse> response) {
					Status refusal = OtlpGrpcReceiver.this.refuseWith;
					if (refusal != null) {
						OtlpGrpcReceiver.this.refused.incrementAndGet();
						response.onError(refusal.asRuntimeException());
						return;
					}
					OtlpGrpcReceiver.this.requests.add(request);
					response.onNext(ExportTraceServiceResponse.getDefaultInstance());
					response.onCompleted();
				}

			})
			.build()
			.start();
	}

	public String endpoint() {
		return "http://127.0.0.1:" + this.server.getPort();
	}

	public void refuse(Status status) {
		this.refuseWith = status;
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
