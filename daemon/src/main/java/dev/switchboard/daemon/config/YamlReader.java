package dev.switchboard.daemon.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
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
 * Syntax errors and duplicate keys become {@link Problem}s.
 */
final class YamlReader {

    private final String fileName;
    private final List<Problem> problems;

    YamlReader(String fileName, List<Problem> problems) {
        this.fileName = fileName;
        this.problems = problems;
    }

    /** @return the document's root, or a null value at line 1 when the file is empty or unreadable */
    YamlValue read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported below, with both lines
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(4 * 1024 * 1024);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(reader);
            return root == null ? new YamlValue(null, 1) : convert(root, "");
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
        if (node instanceof ScalarNode scalar) {
            return new YamlValue(scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue(), line);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlValue> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, path));
            }
            return new YamlValue(Collections.unmodifiableList(items), line);
        }
        MappingNode mapping = (MappingNode) node;
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
