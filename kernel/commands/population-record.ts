import { decided, idTaken, type Command } from './command.ts'

/** A province enters a commune's residents for a year, with its source (POST /certification/populations). Entries are kept; the newest counts. */
export const populationRecord: Command<'population.record', null> = {
  type: 'population.record',
  action: 'certification:configure',
  target: null,
  communes: (input) => [input.communeCode],
  creates: { collection: 'populations' },
  decide({ existing }, input, entityId, ctx) {
    if (existing) return idTaken()
    return decided(
      { collection: 'populations', id: entityId },
      {
        inserts: [
          {
            collection: 'populations',
            record: {
              id: entityId,
              communeCode: input.communeCode,
              year: input.year,
              population: input.population,
              source: input.source,
              recordedAt: ctx.now.toISOString(),
              recordedBy: ctx.actorId,
            },
          },
        ],
        event: {
          action: 'population.record',
          entityType: 'population',
          entityId,
          details: { commune: input.communeCode, year: input.year, population: input.population },
        },
      },
    )
  },
}
