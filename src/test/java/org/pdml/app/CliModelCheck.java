package org.pdml.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks a {@code pdml …} token list against the picocli model built by {@link Main#commandLine()}:
 * the subcommand path must exist and every option named after it must be an option of that
 * subcommand. Values are not parsed (they are often workflow placeholders); synopsis brackets
 * {@code [--flag]} are stripped, and a placeholder subcommand such as {@code <command>} means
 * "every subcommand".
 */
final class CliModelCheck {
    private CliModelCheck() {}

    /**
     * Resolves the subcommand path of a command line.
     *
     * @param tokens the words after the launcher
     * @return the subcommand names, e.g. {@code [config, show]}; empty for the top level
     */
    static List<String> subcommandPath(List<String> tokens) {
        List<String> path = new ArrayList<>();
        CommandSpec spec = Main.commandLine().getCommandSpec();
        for (String t : tokens) {
            CommandLine sub = spec.subcommands().get(t);
            if (sub == null) {
                break;
            }
            path.add(t);
            spec = sub.getCommandSpec();
        }
        return path;
    }

    /**
     * Lists what is wrong with a command line.
     *
     * @param tokens the words after the launcher
     * @return problems, empty if the subcommand and all options exist
     */
    static List<String> problems(List<String> tokens) {
        List<String> problems = new ArrayList<>();
        CommandSpec spec = Main.commandLine().getCommandSpec();
        int i = 0;
        while (i < tokens.size() && !tokens.get(i).startsWith("-")) {
            String t = tokens.get(i);
            Map<String, CommandLine> subs = spec.subcommands();
            if (subs.containsKey(t)) {
                spec = subs.get(t).getCommandSpec();
                i++;
            } else if (t.matches("<[\\w-]+>") && !subs.isEmpty()) {
                List<String> rest = tokens.subList(i + 1, tokens.size());
                for (CommandLine sub : subs.values()) {
                    problems.addAll(optionProblems(sub.getCommandSpec(), rest));
                }
                return problems;
            } else {
                if (!subs.isEmpty() && spec.positionalParameters().isEmpty()) {
                    problems.add("'" + spec.qualifiedName() + "' has no subcommand '" + t + "'");
                    return problems;
                }
                break;
            }
        }
        problems.addAll(optionProblems(spec, tokens.subList(i, tokens.size())));
        return problems;
    }

    private static List<String> optionProblems(CommandSpec spec, List<String> tokens) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).replaceAll("^\\[+|]+$", "");
            if (!t.matches("--?[A-Za-z][\\w-]*(=.*)?")) {
                continue;
            }
            String name = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
            Optional<OptionSpec> option = Optional.ofNullable(spec.findOption(name));
            if (option.isEmpty()) {
                problems.add("'" + spec.qualifiedName() + "' has no option " + name);
            } else if (!t.contains("=") && option.get().arity().max() > 0) {
                i++;
            }
        }
        return problems;
    }
}
