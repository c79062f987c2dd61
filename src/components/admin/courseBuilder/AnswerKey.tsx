'use client'
import type { NumberFieldClientComponent } from 'payload'
import { FieldError, useField, useFormFields } from '@payloadcms/ui'
import React, { useId } from 'react'

import './courseBuilder.scss'

/** `questions.3.correctAnswer` → `questions.3.options` */
const sibling = (path: string, name: string) => path.replace(/[^.]+$/, name)

const optionLabel = (text: string, index: number) => text?.trim() || `Option ${index + 1}`

/** The question's options as the form has them now (typed in above, not yet saved). */
function useOptions(path: string): string[] {
  return useFormFields(([fields]) => {
    const value = fields[sibling(path, 'options')]?.value
    return Array.isArray(value) ? (value as unknown[]).map((v) => String(v ?? '')) : []
  })
}

/**
 * Single choice: one radio per option ("Correct") instead of typing the option's index.
 * The stored value stays `correctAnswer` (an index), so grading and the API are unchanged.
 */
export const CorrectOption: NumberFieldClientComponent = ({ path, readOnly }) => {
  const options = useOptions(path)
  const { value, setValue, showError, errorMessage } = useField<number | null>({ path })
  const name = useId()
  return (
    <fieldset className="rl-answer-key" data-answer-key="single">
      <legend className="rl-answer-key__legend">Correct option</legend>
      {showError ? <FieldError message={errorMessage} path={path} showError /> : null}
      {options.length < 2 ? (
        <p className="rl-answer-key__empty">Add at least two options above, then mark one.</p>
      ) : (
        options.map((text, index) => (
          <label className="rl-answer-key__option" key={index}>
            <input
              checked={value === index}
              disabled={readOnly}
              name={name}
              onChange={() => setValue(index)}
              type="radio"
            />
            <span>{optionLabel(text, index)}</span>
            {value === index ? <span className="rl-answer-key__badge">Correct</span> : null}
          </label>
        ))
      )}
      {options.length >= 2 && (typeof value !== 'number' || value >= options.length) ? (
        <p className="rl-answer-key__error">Mark the correct option before saving.</p>
      ) : null}
    </fieldset>
  )
}

/** Multiple answer: a checkbox per option; every checked one is right (`correctAnswers`). */
export const CorrectOptions: NumberFieldClientComponent = ({ path, readOnly }) => {
  const options = useOptions(path)
  const { value, setValue, showError, errorMessage } = useField<number[] | null>({ path })
  const chosen = Array.isArray(value) ? value : []
  const toggle = (index: number) =>
    setValue(
      chosen.includes(index)
        ? chosen.filter((i) => i !== index)
        : [...chosen, index].sort((a, b) => a - b),
    )
  return (
    <fieldset className="rl-answer-key" data-answer-key="multiple">
      <legend className="rl-answer-key__legend">Correct options</legend>
      {showError ? <FieldError message={errorMessage} path={path} showError /> : null}
      {options.length < 2 ? (
        <p className="rl-answer-key__empty">
          Add at least two options above, then mark the right ones.
        </p>
      ) : (
        options.map((text, index) => (
          <label className="rl-answer-key__option" key={index}>
            <input
              checked={chosen.includes(index)}
              disabled={readOnly}
              onChange={() => toggle(index)}
              type="checkbox"
            />
            <span>{optionLabel(text, index)}</span>
            {chosen.includes(index) ? <span className="rl-answer-key__badge">Correct</span> : null}
          </label>
        ))
      )}
      {options.length >= 2 && !chosen.some((i) => i < options.length) ? (
        <p className="rl-answer-key__error">Mark at least one correct option before saving.</p>
      ) : null}
    </fieldset>
  )
}
