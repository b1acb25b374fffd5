package io.streamvi.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker knows about topics when a test waits in vain: per partition the high
 * watermark, the last stable offset (a read_committed consumer cannot pass it) and the producers
 * with an open transaction there; and every transaction the coordinator still holds open.
 */
final class BrokerDiagnostics {

    private BrokerDiagnostics() {
    }

    static String describe(String... topics) {
        StringBuilder out = new StringBuilder("broker state:");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (var d : admin.describeTopics(List.of(topics)).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(p -> parts.add(new TopicPartition(d.name(), p.partition())));
            }
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            parts.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var hw = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(10, TimeUnit.SECONDS);
            var lso = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
            var producers = admin.describeProducers(parts).all().get(10, TimeUnit.SECONDS);
            for (TopicPartition tp : parts) {
                out.append("\n  ").append(tp).append(": high watermark ").append(hw.get(tp).offset())
                        .append(", last stable ").append(lso.get(tp).offset());
                for (ProducerState s : producers.get(tp).activeProducers()) {
                    if (s.currentTransactionStartOffset().isPresent()) {
                        out.append("\n    open transaction of producer ").append(s.producerId()).append(" epoch ")
                                .append(s.producerEpoch()).append(" from offset ")
                                .append(s.currentTransactionStartOffset().getAsLong()).append(", last write ")
                                .append(System.currentTimeMillis() - s.lastTimestamp()).append(" ms ago");
                    }
                }
            }
            for (TransactionListing t : admin.listTransactions().all().get(10, TimeUnit.SECONDS)) {
                out.append("\n  transaction ").append(t.transactionalId()).append(" (producer ").append(t.producerId())
                        .append("): ").append(t.state());
            }
        } catch (Exception e) {
            out.append(" unavailable: ").append(e);
        }
        return out.toString();
    }
}
