// The per-job options (engine, model, parallelism, chunking, formats, output folder), shared by
// the Transcribe page (this batch) and the Settings page (defaults for new jobs).
import type { EngineInfo, JobOptions } from '@shared/domain'
import { AlsoEndpointsField } from './AlsoEndpointsField'
import { EngineField } from './EngineField'
import { FormatsField } from './FormatsField'
import { OptionField, type OptionsForm } from './OptionField'
import { RecommendedModelOffer, WhisperFields } from './WhisperFields'

interface Props {
  value: JobOptions
  onChange: (next: JobOptions) => void
  errors: Record<string, string>
  engines: EngineInfo[]
  idPrefix: string
}

export function OptionFields({
  value,
  onChange,
  errors,
  engines,
  idPrefix
}: Props): React.JSX.Element {
  const engine = engines.find((e) => e.name === value.engine)
  const id = (name: string): string => `${idPrefix}-${name}`
  const form: OptionsForm = {
    value,
    set: (key, v) => onChange({ ...value, [key]: v }),
    errors,
    id
  }
  return (
    <div className="option-grid">
      <EngineField form={form} engines={engines} engine={engine} />
      <OptionField
        form={form}
        name="model"
        label="Model"
        hint="empty = the engine's default"
        input={{ list: id('models'), placeholder: 'default' }}
      >
        <datalist id={id('models')}>
          {(engine?.models ?? []).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </OptionField>
      {value.engine === 'whisper' && (
        <WhisperFields value={value} onChange={onChange} id={id} errors={errors} />
      )}
      {value.engine === 'whisper' && engine && engine.models.length === 0 && (
        <RecommendedModelOffer />
      )}
      <OptionField
        form={form}
        name="processes"
        label="Processes"
        hint={
          value.engine === 'openai'
            ? "unused: each endpoint's concurrency decides"
            : 'chunks transcribed in parallel'
        }
      />
      {value.engine !== 'openai' && <AlsoEndpointsField form={form} />}
      <OptionField form={form} name="workers" label="Workers" hint="threads per engine process" />
      <OptionField form={form} name="chunkSeconds" label="Chunk (s)" hint="5 – 3600" />
      <OptionField
        form={form}
        name="overlapSeconds"
        label="Overlap (s)"
        hint="less than half a chunk"
      />
      <FormatsField form={form} />
      <OptionField
        form={form}
        name="outputDir"
        label="Output folder"
        hint="empty = the data folder's outputs/<job id>/"
      />
    </div>
  )
}

export function pickJobOptions(source: JobOptions): JobOptions {
  return {
    language: source.language ?? 'auto',
    translate: source.translate ?? false,
    alsoEndpoints: source.alsoEndpoints ?? false,
    engine: source.engine,
    model: source.model,
    processes: source.processes,
    workers: source.workers,
    chunkSeconds: source.chunkSeconds,
    overlapSeconds: source.overlapSeconds,
    formats: [...source.formats],
    outputDir: source.outputDir
  }
}
