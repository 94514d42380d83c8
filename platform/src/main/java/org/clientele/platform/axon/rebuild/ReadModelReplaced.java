package org.clientele.platform.axon.rebuild;

import java.util.Set;

/**
 * Published once a shadow generation has taken the live tables' place: whatever a process keeps in memory about
 * these tables (an index, a cache) must be built again from them.
 */
public record ReadModelReplaced(Set<String> processingGroups, Set<String> tables) {}
