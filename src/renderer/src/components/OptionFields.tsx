// The per-job options (engine, model, parallelism, chunking, formats, output folder), shared by
// the Transcribe page (this batch) and the Settings page (defaults for new jobs).
import { OUTPUT_FORMATS, type EngineInfo, type JobOptions, type OutputFormat } from '@shared/domain'
import { parseNumberInput } from '../lib/formErrors'
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
  const set = <K extends keyof JobOptions>(key: K, v: JobOptions[K]): void =>
    onChange({ ...value, [key]: v })
  const engine = engines.find((e) => e.name === value.engine)
  const id = (name: string): string => `${idPrefix}-${name}`
  const numberField = (
    key: 'processes' | 'workers' | 'chunkSeconds' | 'overlapSeconds',
    label: string,
    hint: string
  ): React.JSX.Element => (
    <Field id={id(key)} label={label} error={errors[key]} hint={hint}>
      <input
        id={id(key)}
        type="number"
        value={Number.isNaN(value[key]) ? '' : value[key]}
        onChange={(e) => set(key, parseNumberInput(e.target.value))}
        aria-invalid={errors[key] ? true : undefined}
      />
    </Field>
  )
  const textField = (
    key: 'model' | 'outputDir',
    label: string,
    hint: string,
    input: { list?: string; placeholder?: string } = {},
    after?: React.ReactNode
  ): React.JSX.Element => (
    <Field id={id(key)} label={label} error={errors[key]} hint={hint}>
      <input
        id={id(key)}
        {...input}
        value={value[key]}
        onChange={(e) => set(key, e.target.value)}
      />
      {after}
    </Field>
  )
  const toggleFormat = (format: OutputFormat, on: boolean): void =>
    set(
      'formats',
      OUTPUT_FORMATS.filter((f) => (f === format ? on : value.formats.includes(f)))
    )

  return (
    <div className="option-grid">
      <Field
        id={id('engine')}
        label="Engine"
        error={errors.engine}
        hint={engine && !engine.available ? engine.detail : undefined}
      >
        <select
          id={id('engine')}
          value={value.engine}
          onChange={(e) => set('engine', e.target.value as JobOptions['engine'])}
        >
          {engines.length === 0 && <option value={value.engine}>{value.engine}</option>}
          {engines.map((e) => (
            <option key={e.name} value={e.name}>
              {e.name}
              {e.available ? '' : ' (not installed)'}
            </option>
          ))}
        </select>
      </Field>
      {textField(
        'model',
        'Model',
        "empty = the engine's default",
        { list: id('models'), placeholder: 'default' },
        <datalist id={id('models')}>
          {(engine?.models ?? []).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      )}
      {value.engine === 'whisper' && (
        <WhisperFields value={value} onChange={onChange} id={id} errors={errors} />
      )}
      {value.engine === 'whisper' && engine && engine.models.length === 0 && (
        <RecommendedModelOffer />
      )}
      {numberField(
        'processes',
        'Processes',
        value.engine === 'openai'
          ? "unused: each endpoint's concurrency decides"
          : 'chunks transcribed in parallel'
      )}
      {value.engine !== 'openai' && (
        <fieldset className="field">
          <legend>Remote endpoints</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={value.alsoEndpoints ?? false}
              onChange={(e) => set('alsoEndpoints', e.target.checked)}
              data-testid={id('alsoEndpoints')}
            />
            Also send chunks to the saved endpoints
          </label>
          <span className="field-hint">
            these processes and the servers in Settings → Endpoints share each job
          </span>
        </fieldset>
      )}
      {numberField('workers', 'Workers', 'threads per engine process')}
      {numberField('chunkSeconds', 'Chunk (s)', '5 – 3600')}
      {numberField('overlapSeconds', 'Overlap (s)', 'less than half a chunk')}
      <fieldset className="field formats" aria-invalid={errors.formats ? true : undefined}>
        <legend>Formats</legend>
        {OUTPUT_FORMATS.map((f) => (
          <label key={f} className="check">
            <input
              type="checkbox"
              checked={value.formats.includes(f)}
              onChange={(e) => toggleFormat(f, e.target.checked)}
            />
            {f}
          </label>
        ))}
        {errors.formats && (
          <span className="field-error" role="alert">
            {errors.formats}
          </span>
        )}
      </fieldset>
      {textField('outputDir', 'Output folder', "empty = the data folder's outputs/<job id>/")}
    </div>
  )
}

export function Field(props: {
  id: string
  label: string
  error?: string
  hint?: string
  children: React.ReactNode
}): React.JSX.Element {
  return (
    <div className={props.error ? 'field invalid' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <span className="field-error" role="alert" data-testid={`error-${props.id}`}>
          {props.error}
        </span>
      ) : (
        props.hint && <span className="field-hint">{props.hint}</span>
      )}
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
