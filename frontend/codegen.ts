import type { CodegenConfig } from '@graphql-codegen/cli'

// Types come from the contract file itself, never from a running server. Operations live in
// src/**/*.graphql; each becomes a typed document exported from src/gql/graphql.ts.
const config: CodegenConfig = {
  schema: '../libs/contracts/src/tcm_contracts/graphql/schema.graphql',
  documents: ['src/**/*.graphql'],
  generates: {
    'src/gql/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Date: 'string', DateTime: 'string' },
        skipTypename: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
}

export default config
