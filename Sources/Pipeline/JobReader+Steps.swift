import CCHCCore

extension JobReader {
    /// The `steps` list: each step's keys, unique names, known dependencies, no cycle, and the built-in
    /// stages in data-flow order. Returns the steps in a topological order (file order among equals).
    func steps(_ node: JSONNode) throws(JobFileError) -> [StepSpec] {
        guard case .array(let items) = node.value, !items.isEmpty else {
            throw fail(node, "\"steps\" is \(node.kindName); expected a non-empty list of steps such as { \"name\": \"import\", \"depends_on\": [\"reference\"] }")
        }
        var specs: [StepSpec] = []
        var where_: [String: JSONNode] = [:]  // step name → its "name" value, for errors
        var dependencyNodes: [String: [JSONNode]] = [:]
        for item in items {
            let keys = try members(item, "a step", allowed: Self.stepKeys)
            guard let nameMember = keys["name"] else { throw fail(item, "a step has no \"name\"") }
            let name = try text(nameMember) ?? ""
            guard where_[name] == nil else { throw fail(nameMember.value, "a second step named \"\(name)\"; step names must be unique") }
            where_[name] = nameMember.value
            let kindName = try text(keys["kind"]) ?? name
            let kind: StepSpec.Kind
            switch kindName {
            case "reference": kind = .reference
            case "import": kind = .importFiles
            case "score": kind = .score
            case "report": kind = .report
            case "command":
                guard let command = try text(keys["command"]) else {
                    throw fail(keys["kind"]?.value ?? nameMember.value, "step \"\(name)\" of kind command has no \"command\" (a line for /bin/sh -c)")
                }
                kind = .command(command)
            default:
                throw fail(keys["kind"]?.value ?? nameMember.value,
                           "step \"\(name)\" has kind \"\(kindName)\"; expected reference, import, score, report or command")
            }
            if case .command = kind {} else if let command = keys["command"] {
                throw fail(command, "\"command\" is only for steps of kind command; step \"\(name)\" is a \(kindName) step")
            }
            if let duplicate = specs.first(where: { $0.kind.builtinRank != nil && $0.kind == kind }) {
                throw fail(nameMember.value, "step \"\(name)\" is a second \(kindName) step (the first is \"\(duplicate.name)\")")
            }
            var dependencies: [String] = []
            var nodes: [JSONNode] = []
            if let member = keys["depends_on"] {
                guard case .array(let list) = member.value.value else {
                    throw fail(member.value, "\"depends_on\" is \(member.value.kindName); expected a list of step names, e.g. [\"import\"]")
                }
                for entry in list {
                    guard case .string(let dependency) = entry.value else {
                        throw fail(entry, "a dependency is \(entry.kindName); expected a step name in double quotes")
                    }
                    dependencies.append(dependency)
                    nodes.append(entry)
                }
            }
            let timeout = try number(keys["timeout_seconds"], in: 1...7 * 86_400)
            specs.append(StepSpec(name: name, kind: kind, dependsOn: dependencies, timeoutSeconds: timeout))
            dependencyNodes[name] = nodes
        }
        for spec in specs {
            for (dependency, node) in zip(spec.dependsOn, dependencyNodes[spec.name] ?? []) where where_[dependency] == nil {
                throw fail(node, "step \"\(spec.name)\" depends on \"\(dependency)\", which is not a step of this job; steps are "
                           + specs.map(\.name).joined(separator: ", "))
            }
        }
        if let cycle = Self.cycle(specs) {
            let first = cycle[0]
            let node = zip(specs.first { $0.name == first }?.dependsOn ?? [], dependencyNodes[first] ?? []).first { $0.0 == cycle[1] }?.1
            throw fail(node ?? where_[first]!, "the steps' dependencies form a cycle: \(cycle.joined(separator: " → ")) (→ reads \"depends on\")")
        }
        let ordered = Self.topologicalOrder(specs)
        try checkDataFlow(ordered, names: where_)
        return ordered
    }

    /// The first cycle found by depth-first search along `depends_on`, as names with the first repeated at the end.
    static func cycle(_ specs: [StepSpec]) -> [String]? {
        let byName = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var state: [String: Int] = [:]  // 1 = on the current path, 2 = done
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            if state[name] == 2 { return nil }
            if state[name] == 1, let start = path.firstIndex(of: name) { return Array(path[start...]) + [name] }
            state[name] = 1
            path.append(name)
            for dependency in byName[name]?.dependsOn ?? [] {
                if let found = visit(dependency) { return found }
            }
            path.removeLast()
            state[name] = 2
            return nil
        }
        for spec in specs {
            if let found = visit(spec.name) { return found }
        }
        return nil
    }

    /// Kahn's algorithm, taking the earliest ready step in file order each time. Assumes no cycle.
    static func topologicalOrder(_ specs: [StepSpec]) -> [StepSpec] {
        var done: Set<String> = []
        var remaining = specs
        var ordered: [StepSpec] = []
        while let index = remaining.firstIndex(where: { $0.dependsOn.allSatisfy(done.contains) }) {
            let next = remaining.remove(at: index)
            ordered.append(next)
            done.insert(next.name)
        }
        assert(remaining.isEmpty, "topologicalOrder called on a cycle")
        return ordered
    }

    /// A built-in stage needs the stages before it (reference → import → score → report) that the job
    /// has, as direct or indirect dependencies: import loads into the reference data the reference
    /// step wrote, and so on.
    func checkDataFlow(_ ordered: [StepSpec], names: [String: JSONNode]) throws(JobFileError) {
        var ancestors: [String: Set<String>] = [:]
        for spec in ordered {
            ancestors[spec.name] = spec.dependsOn.reduce(into: Set(spec.dependsOn)) { $0.formUnion(ancestors[$1] ?? []) }
        }
        let builtins = ordered.filter { $0.kind.builtinRank != nil }
        for spec in builtins {
            guard let rank = spec.kind.builtinRank else { continue }
            for earlier in builtins where (earlier.kind.builtinRank ?? 0) < rank && !(ancestors[spec.name] ?? []).contains(earlier.name) {
                throw fail(names[spec.name]!, "step \"\(spec.name)\" (\(spec.kind.name)) must depend on \"\(earlier.name)\" "
                           + "(\(earlier.kind.name)), directly or through other steps: \(earlier.kind.name) comes before \(spec.kind.name)")
            }
        }
    }
}
