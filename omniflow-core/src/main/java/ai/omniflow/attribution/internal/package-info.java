/** How attribution is computed: the path table, the models' weights, the exact apportionment. */
@NullMarked
package ai.omniflow.attribution.internal;

import org.jspecify.annotations.NullMarked;
