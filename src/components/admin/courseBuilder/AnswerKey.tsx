'use client'
import type { NumberFieldClientComponent } from 'payload'
import { FieldError, useField, useFormFields, useTranslation } from '@payloadcms/ui'
import React, { useId, useMemo } from 'react'

import type { CustomTranslationsKeys, CustomTranslationsObject } from '../../../admin/i18n'

import './courseBuilder.scss'

/** `questions.3.correctAnswer` → `questions.3.options` */
const sibling = (path: string, name: string) => path.replace(/[^.]+$/, name)

/** The question's options as the form has them now (typed in above, not yet saved). */
function useOptions(path: string): string[] {
  // The selector answers the stored value itself: a new array from it would re-render on any
  // change anywhere in the form.
  const value = useFormFields(([fields]) => fields[sibling(path, 'options')]?.value)
  return useMemo(
    () => (Array.isArray(value) ? (value as unknown[]).map((v) => String(v ?? '')) : []),
    [value],
  )
}

/**
 * The answer key of a choice question as one control per option instead of typed indexes: a radio
 * each for single choice (`correctAnswer`), a checkbox each for multiple answers
 * (`correctAnswers`). The stored values stay indexes, so grading and the API are unchanged.
 */
function ChoiceKey({
  path,
  readOnly,
  multiple,
}: {
  path: string
  readOnly?: boolean
  multiple: boolean
}) {
  const { t } = useTranslation<CustomTranslationsObject, CustomTranslationsKeys>()
  const options = useOptions(path)
  const { value, setValue, showError, errorMessage } = useField<number | number[] | null>({
    path,
  })
  const name = useId()
  const chosen = Array.isArray(value) ? value : typeof value === 'number' ? [value] : []
  const choose = (index: number) =>
    setValue(
      !multiple
        ? index
        : chosen.includes(index)
          ? chosen.filter((i) => i !== index)
          : [...chosen, index].sort((a, b) => a - b),
    )
  return (
    <fieldset className="rl-answer-key" data-answer-key={multiple ? 'multiple' : 'single'}>
      <legend className="rl-answer-key__legend">
        {multiple ? t('readylab:answerCorrectOptions') : t('readylab:answerCorrectOption')}
      </legend>
      {showError ? <FieldError message={errorMessage} path={path} showError /> : null}
      {options.length < 2 ? (
        <p className="rl-answer-key__empty">
          {multiple ? t('readylab:answerAddOptionsMany') : t('readylab:answerAddOptionsOne')}
        </p>
      ) : (
        options.map((text, index) => (
          <label className="rl-answer-key__option" key={index}>
            <input
              checked={chosen.includes(index)}
              disabled={readOnly}
              name={multiple ? undefined : name}
              onChange={() => choose(index)}
              type={multiple ? 'checkbox' : 'radio'}
            />
            <span>{text?.trim() || t('readylab:answerOption', { number: index + 1 })}</span>
            {chosen.includes(index) ? (
              <span className="rl-answer-key__badge">{t('readylab:answerCorrect')}</span>
            ) : null}
          </label>
        ))
      )}
      {options.length >= 2 && !chosen.some((i) => i < options.length) ? (
        <p className="rl-answer-key__error">
          {multiple ? t('readylab:answerMarkMany') : t('readylab:answerMarkOne')}
        </p>
      ) : null}
    </fieldset>
  )
}

/** Single choice: one radio per option ("Correct"). */
export const CorrectOption: NumberFieldClientComponent = ({ path, readOnly }) => (
  <ChoiceKey multiple={false} path={path} readOnly={readOnly} />
)

/** Multiple answers: a checkbox per option; every checked one is right. */
export const CorrectOptions: NumberFieldClientComponent = ({ path, readOnly }) => (
  <ChoiceKey multiple path={path} readOnly={readOnly} />
)
