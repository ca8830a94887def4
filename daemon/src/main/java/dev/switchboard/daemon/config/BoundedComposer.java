package dev.switchboard.daemon.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML's composer with a budget: at most {@link #MAX_NODES} nodes and {@link #MAX_DEPTH} levels of
 * nesting, so a hostile file is refused at the line where it goes too far instead of filling the heap.
 * Aliases are not expanded here (they share nodes); {@link YamlReader} counts their expansions.
 */
final class BoundedComposer extends Composer {

    /** Far more than any real configuration (a deny list of tens of thousands of networks fits). */
    static final int MAX_NODES = 100_000;
    static final int MAX_DEPTH = 40;

    private int nodes;
    private int depth;

    private BoundedComposer(StreamReader reader, LoaderOptions options) {
        super(new ParserImpl(reader, options), new Resolver(), options);
    }

    /** Thrown when the file is over a budget (here, or in {@link YamlReader}); its problem mark is where. */
    static final class OverBudget extends MarkedYAMLException {
        OverBudget(String problem, Mark mark) {
            super(null, null, problem, mark);
        }
    }

    /**
     * @return the document's root node, or null for an empty document
     * @throws OverBudget when the file has too many nodes or is nested too deep
     */
    static Node compose(java.io.Reader reader, LoaderOptions options) {
        return new BoundedComposer(new StreamReader(reader), options).getSingleNode();
    }

    @Override
    protected Node composeScalarNode(String anchor, java.util.List<org.yaml.snakeyaml.comments.CommentLine> comments) {
        count();
        return super.composeScalarNode(anchor, comments);
    }

    @Override
    protected Node composeSequenceNode(String anchor) {
        return nested(() -> super.composeSequenceNode(anchor));
    }

    @Override
    protected Node composeMappingNode(String anchor) {
        return nested(() -> super.composeMappingNode(anchor));
    }

    private Node nested(java.util.function.Supplier<Node> collection) {
        count();
        if (++depth > MAX_DEPTH) {
            throw new OverBudget("nested more than " + MAX_DEPTH + " levels deep", here());
        }
        try {
            return collection.get();
        } finally {
            depth--;
        }
    }

    private void count() {
        if (++nodes > MAX_NODES) {
            throw new OverBudget("more than " + MAX_NODES + " values: too large for a configuration file", here());
        }
    }

    private Mark here() {
        return parser.peekEvent().getStartMark();
    }
}
