// The per-job options, shared by the Transcribe page (this batch) and the Settings page (defaults
// for new jobs): the choices a person makes (engine, model, language, speakers: ChoiceFields) and
// the technical ones (parallelism, chunking, speech detection, formats, output folder:
// AdvancedFields).
import { ENDPOINT_ENGINE, type EngineInfo, type JobOptions } from '@shared/domain'
import { AlsoEndpointsField } from './AlsoEndpointsField'
import { EngineField } from './EngineField'
import { FormatsField } from './FormatsField'
import { ModelChoice } from './ModelChoice'
import { OptionField, type OptionsForm } from './OptionField'
import { SpeakersField } from './SpeakersField'
import { SpeechDetectionField } from './SpeechDetectionField'
import { PocketsphinxLanguage, RecommendedModelOffer, WhisperFields } from './WhisperFields'
import { defaultModelName } from '../lib/modelChoices'

/** What each part of the options form is given: the options, their errors, the engines. */
export interface OptionFieldsProps {
  value: JobOptions
  onChange: (next: JobOptions) => void
  errors: Record<string, string>
  engines: EngineInfo[]
  idPrefix: string
}

function optionsForm({ value, onChange, errors, idPrefix }: OptionFieldsProps): OptionsForm {
  return {
    value,
    set: (key, v) => onChange({ ...value, [key]: v }),
    errors,
    id: (name: string) => `${idPrefix}-${name}`
  }
}

/** Engine, model and language: what a person chooses before dropping files. */
export function ChoiceFields(props: OptionFieldsProps): React.JSX.Element {
  const { value, onChange, engines } = props
  const engine = engines.find((e) => e.name === value.engine)
  const form = optionsForm(props)
  return (
    <>
      <EngineField form={form} engines={engines} engine={engine} />
      {value.engine === ENDPOINT_ENGINE ? (
        <OptionField
          form={form}
          name="model"
          label="Model"
          hint="empty = each endpoint's own model"
          input={{ placeholder: 'each endpoint\u2019s model' }}
        />
      ) : (
        <ModelChoice form={form} engine={engine} />
      )}
      {value.engine === 'pocketsphinx' ? (
        <PocketsphinxLanguage id={form.id} />
      ) : (
        <WhisperFields
          value={value}
          model={value.model || defaultModelName(engine)}
          onChange={onChange}
          id={form.id}
          errors={props.errors}
        />
      )}
      {value.engine === 'whisper' && <RecommendedModelOffer engine={engine} />}
      <SpeakersField form={form} />
    </>
  )
}

/** Parallelism, chunking, formats and output folder: folded away on the Transcribe page. */
export function AdvancedFields(props: OptionFieldsProps): React.JSX.Element {
  const { value } = props
  const form = optionsForm(props)
  return (
    <>
      <OptionField
        form={form}
        name="processes"
        label="Processes"
        hint={
          value.engine === ENDPOINT_ENGINE
            ? "unused: each endpoint's concurrency decides"
            : 'chunks transcribed in parallel'
        }
      />
      {value.engine !== ENDPOINT_ENGINE && <AlsoEndpointsField form={form} />}
      <OptionField form={form} name="workers" label="Workers" hint="threads per engine process" />
      <OptionField form={form} name="chunkSeconds" label="Chunk (s)" hint="5 – 3600" />
      <OptionField
        form={form}
        name="overlapSeconds"
        label="Overlap (s)"
        hint="less than half a chunk"
      />
      <SpeechDetectionField form={form} />
      <FormatsField form={form} />
      <OptionField
        form={form}
        name="outputDir"
        label="Output folder"
        hint="empty = the data folder's outputs/<job id>/"
      />
    </>
  )
}

/** Every option in one grid (Settings → Defaults for new jobs). */
export function OptionFields(props: OptionFieldsProps): React.JSX.Element {
  return (
    <div className="option-grid">
      <ChoiceFields {...props} />
      <AdvancedFields {...props} />
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
    outputDir: source.outputDir,
    speakers: source.speakers ?? 'off',
    vad: source.vad ?? 'silero'
  }
}
