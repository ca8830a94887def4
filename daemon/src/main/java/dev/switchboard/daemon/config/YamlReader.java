package dev.switchboard.daemon.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML file with SnakeYAML's node API into {@link YamlValue}s that remember their lines.
 * Syntax errors, duplicate keys and files past the bounds (size, nodes, nesting, alias expansions,
 * recursive aliases) become {@link Problem}s at their line: reading never fails in another way, so a
 * hostile file can neither crash a reload nor fill the heap.
 */
final class YamlReader {

    /** Bytes; a configuration file is a few KB. */
    static final int MAX_FILE_SIZE = 4 * 1024 * 1024;
    /** Values produced, counting every expansion of an alias: an "alias bomb" stops here. */
    static final int MAX_VALUES = 100_000;

    private final String fileName;
    private final List<Problem> problems;
    /** Collections being converted, innermost last: an alias back into one of them is a cycle. */
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private int values;

    YamlReader(String fileName, List<Problem> problems) {
        this.fileName = fileName;
        this.problems = problems;
    }

    /** @return the document's root, or a null value at line 1 when the file is empty or unreadable */
    YamlValue read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported below, with both lines
        options.setMaxAliasesForCollections(1000); // each expansion is counted below, against MAX_VALUES
        options.setCodePointLimit(MAX_FILE_SIZE);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long size = Files.size(file);
            if (size > MAX_FILE_SIZE) {
                problems.add(new Problem(fileName, 1, "", "the file is " + size / (1024 * 1024) + " MB: a "
                        + "configuration file may be at most " + MAX_FILE_SIZE / (1024 * 1024) + " MB"));
                return new YamlValue(null, 1);
            }
            Node root = BoundedComposer.compose(reader, options);
            return root == null ? new YamlValue(null, 1) : convert(root, "");
        } catch (BoundedComposer.OverBudget e) {
            Mark mark = e.getProblemMark();
            problems.add(new Problem(fileName, mark == null ? 1 : mark.getLine() + 1, "", e.getProblem()));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problems.add(new Problem(fileName, mark == null ? 1 : mark.getLine() + 1, "",
                    "YAML syntax error: " + what + (e.getContext() != null ? " (" + e.getContext() + ")" : "")));
        } catch (YAMLException e) {
            problems.add(new Problem(fileName, 1, "", "YAML error: " + e.getMessage()));
        } catch (IOException e) {
            problems.add(new Problem(fileName, 0, "", "cannot read the file: " + e));
        }
        return new YamlValue(null, 1);
    }

    private YamlValue convert(Node node, String path) {
        int line = node.getStartMark().getLine() + 1;
        if (++values > MAX_VALUES) {
            throw new BoundedComposer.OverBudget("more than " + MAX_VALUES + " values once aliases (*name) are expanded: "
                    + "an alias repeats everything it names, so aliases of aliases grow exponentially", node.getStartMark());
        }
        if (node instanceof ScalarNode scalar) {
            return new YamlValue(scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue(), line);
        }
        if (!open.add(node)) {
            // A node does not remember the alias that led back to it; its anchor's line is what we have.
            throw new BoundedComposer.OverBudget("recursive alias: the list or mapping that starts here contains an alias (*name) "
                    + "of itself, which would never end", node.getStartMark());
        }
        try {
            return node instanceof SequenceNode sequence ? convertList(sequence, path, line)
                    : convertMap((MappingNode) node, path, line);
        } finally {
            open.remove(node);
        }
    }

    private YamlValue convertList(SequenceNode sequence, String path, int line) {
        List<YamlValue> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(convert(item, path));
        }
        return new YamlValue(Collections.unmodifiableList(items), line);
    }

    private YamlValue convertMap(MappingNode mapping, String path, int line) {
        Map<String, YamlValue> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int keyLine = keyNode.getStartMark().getLine() + 1;
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problems.add(new Problem(fileName, keyLine, path, "a key must be plain text, not a list or mapping"));
                continue;
            }
            String key = scalarKey.getValue();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            YamlValue value = convert(tuple.getValueNode(), keyPath);
            YamlValue previous = entries.putIfAbsent(key, new YamlValue(value.value(), keyLine));
            if (previous != null) {
                problems.add(new Problem(fileName, keyLine, keyPath,
                        "duplicate key (first set on line " + previous.line() + ")"));
            }
        }
        return new YamlValue(Collections.unmodifiableMap(entries), line);
    }
}
