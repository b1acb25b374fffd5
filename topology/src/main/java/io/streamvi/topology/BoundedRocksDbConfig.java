package io.streamvi.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of all RocksDB stores of the process together: one shared block cache and
 * one write-buffer manager charged to it, instead of the per-store defaults that grow with the
 * number of partitions. The total is {@value #TOTAL_BYTES_CONFIG} (default 64 MiB), of which a
 * quarter may be memtables.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    public static final String TOTAL_BYTES_CONFIG = "streamvi.rocksdb.total.bytes";
    static final long DEFAULT_TOTAL_BYTES = 64L << 20;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void ensureShared(long totalBytes) {
        if (cache == null) {
            cache = new LRUCache(totalBytes, -1, false, 0.1);
            writeBufferManager = new WriteBufferManager(totalBytes / 4, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object total = configs.get(TOTAL_BYTES_CONFIG);
        ensureShared(total == null ? DEFAULT_TOTAL_BYTES : Long.parseLong(total.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write-buffer manager are shared by all stores of the process
    }
}
