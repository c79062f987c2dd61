import * as migration_20261126_123544_initial from './20261126_123544_initial'

export const migrations = [
  {
    up: migration_20261126_123544_initial.up,
    down: migration_20261126_123544_initial.down,
    name: '20261126_123544_initial',
  },
]
