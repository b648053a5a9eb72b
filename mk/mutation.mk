# Mutation benchmark of the core helpers modules (not part of `make test`: it takes minutes).
# make mutation                         every mutant of every core module
# make mutation MUTATION_ARGS="--sample 30 linear/ridge"   a quicker estimate, one module
.PHONY: mutation
mutation: $(VENV)/.installed-test
	$(BIN)/python benchmarks/mutation.py $(MUTATION_ARGS)
